package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A crash in the middle of a produce stream. An idempotent producer keeps a bounded window of
 * records in flight. Once enough are acknowledged, the node is frozen (SIGSTOP, wherever it is, maybe
 * between appending a batch and answering for it) while the producer fills its window with records
 * the node cannot acknowledge, and is then SIGKILLed and restarted on the same directory; the producer
 * carries on, and its retries reach the restarted node. Afterwards every record the producer saw
 * acknowledged is in the log at the offset it was acknowledged with, no record is there twice (a
 * retried batch that the node had appended before the crash is recognised as a duplicate), the records
 * are in send order, and the restarted node logged exactly one recovery line for the partition.
 */
@ExtendWith(TributaryExtension.class)
class RecoveryAfterSigkillTest {
    private static final String TOPIC = "midstream-kill";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final int RECORD_COUNT = 3000;
    /** Freeze the node once this many records are acknowledged, well before the stream ends. */
    private static final int ACKS_BEFORE_KILL = 600;
    /**
     * The sender waits here until the node is frozen, so the stream cannot run to its end before the
     * crash however fast the node is.
     */
    private static final int GATE_AT = 1000;
    /** Records sent but not yet acknowledged, at most: keeps the stream going across the kill. */
    private static final int IN_FLIGHT_MAX = 100;
    /**
     * The partition's recovery line: it names the partition and says what recovery found. The log
     * contract says the log writes one such line per partition when it opens it ("Partition
     * midstream-kill-0: loaded 1 segment(s), ..., unclean shutdown; recovered 1 segment(s), ...").
     * Matched with file paths removed, since the run directory's name is the test's.
     */
    private static final Pattern RECOVERY_LINE =
            Pattern.compile("(?i)(?=.*\\brecover)(?=.*(?<![\\w-])" + Pattern.quote(TOPIC + "-0") + "(?![\\w-]))");
    private static final Pattern PATH = Pattern.compile("/\\S*");

    @Test
    void sigkillMidStreamLosesNoAcknowledgedRecordAndDuplicatesNone(Nodes nodes) throws Exception {
        TributaryNode node = nodes.start();
        Clients.createTopic(node.bootstrap(), TOPIC, 1);

        Stream stream = new Stream(node.bootstrap());
        int ackedAtKill;
        Thread sender = new Thread(stream::run, "recovery-test-sender");
        sender.start();
        try {
            await("acknowledgements before the kill").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(5))
                    .failFast("the sender failed", stream::assertNoFailure)
                    .until(() -> stream.acked.size() >= ACKS_BEFORE_KILL);
            node.pause();
            stream.gate.countDown();
            await("the producer's window fills with records the frozen node cannot acknowledge")
                    .atMost(Duration.ofSeconds(60))
                    .failFast("the sender failed", stream::assertNoFailure)
                    .until(() -> stream.inFlight() == IN_FLIGHT_MAX);
            node.kill();
            ackedAtKill = stream.acked.size();
            assertThat(stream.inFlight()).as("records in flight when the node was killed (mid-stream)")
                    .isEqualTo(IN_FLIGHT_MAX);
            assertThat(stream.sent.get()).as("records sent before the kill").isLessThan(RECORD_COUNT);

            node.restart();
            sender.join(TimeUnit.MINUTES.toMillis(4));
            assertThat(sender.isAlive()).as("the sender finished within its bound").isFalse();
        } finally {
            stream.stop();
            sender.join(TimeUnit.MINUTES.toMillis(1));
        }
        stream.assertNoFailure();
        // At most IN_FLIGHT_MAX records are unacknowledged at any time, so acknowledgements beyond
        // that many after the kill are of records sent after it: the restarted node acknowledged them.
        assertThat(stream.acked.size())
                .as("acknowledgements in all, %s of them before the kill (failed sends: %s)", ackedAtKill, stream.failures())
                .isGreaterThan(ackedAtKill + IN_FLIGHT_MAX);

        List<ConsumerRecord<byte[], byte[]>> log = Clients.readToEnd(node.bootstrap(), PARTITION, 0, Duration.ofSeconds(60));
        List<Integer> sequence = log.stream().map(r -> Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8))).toList();
        assertThat(sequence).as("records in the log (by send sequence)").doesNotHaveDuplicates().isSorted();
        for (int i = 0; i < log.size(); i++) {
            assertThat(log.get(i).offset()).as("offsets are dense from 0").isEqualTo(i);
        }
        stream.acked.forEach((seq, offset) -> {
            assertThat(offset).as("acknowledged offset of record " + seq).isLessThan(log.size());
            assertThat(sequence.get(offset.intValue())).as("the record at acknowledged offset " + offset).isEqualTo(seq);
        });

        List<String> recoveryLines = node.log().linesSinceLastLaunch().stream()
                .filter(line -> RECOVERY_LINE.matcher(PATH.matcher(line).replaceAll("<path>")).find()).toList();
        assertThat(recoveryLines).as("recovery lines for " + PARTITION + " logged by the restarted node").hasSize(1);
        assertThat(recoveryLines.get(0)).as("the recovery line knows the shutdown was not clean").containsIgnoringCase("unclean");
    }

    /** The producer side: sends records 0..RECORD_COUNT-1 with a bounded window, and records each ack. */
    private static final class Stream {
        final Map<Integer, Long> acked = new ConcurrentHashMap<>();
        final Map<Integer, String> failed = new ConcurrentHashMap<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Semaphore window = new Semaphore(IN_FLIGHT_MAX);
        final CountDownLatch gate = new CountDownLatch(1);
        final String bootstrap;
        volatile boolean stopped;

        Stream(String bootstrap) {
            this.bootstrap = bootstrap;
        }

        void run() {
            try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap, Map.of(
                    ProducerConfig.LINGER_MS_CONFIG, 2,
                    ProducerConfig.BATCH_SIZE_CONFIG, 2048,
                    // Generous enough to outlast a restart, bounded so a dead broker fails the test.
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                    ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500))) {
                for (int seq = 0; seq < RECORD_COUNT && !stopped; seq++) {
                    if (seq == GATE_AT) {
                        while (!gate.await(100, TimeUnit.MILLISECONDS)) {
                            if (stopped) {
                                return;
                            }
                        }
                    }
                    // The window, not a sleep, paces the stream: a new record goes out when one is acknowledged.
                    while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        if (stopped) {
                            return;
                        }
                    }
                    int thisSeq = seq;
                    byte[] value = Integer.toString(seq).getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(TOPIC, 0, null, value), (metadata, exception) -> {
                        if (exception == null) {
                            acked.put(thisSeq, metadata.offset());
                        } else {
                            failed.put(thisSeq, exception.toString());
                        }
                        window.release();
                    });
                    sent.incrementAndGet();
                }
                producer.flush();
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        /** Records handed to the producer and not yet acknowledged or failed. */
        int inFlight() {
            return sent.get() - acked.size() - failed.size();
        }

        void assertNoFailure() {
            Throwable t = failure.get();
            if (t != null) {
                throw new AssertionError("the sender failed after " + sent.get() + " sends and " + acked.size()
                        + " acknowledgements", t);
            }
        }

        void stop() {
            stopped = true;
        }

        /** A bounded sample of send failures, for assertion messages. */
        List<String> failures() {
            return new ArrayList<>(failed.values()).subList(0, Math.min(5, failed.size()));
        }
    }
}

package io.tributary.bench.load;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The official Java producer (acks=all, enable.idempotence=true, every other setting the client's
 * default, the same for both systems) sending one small record to every partition every
 * {@value #INTERVAL_MS} ms, and recording for each its send time, acknowledgement time and offset. A
 * fixed modest rate keeps the acknowledgement times fine-grained without loading the shared cores; the
 * records are unique strings so the read-back can tell lost from duplicated.
 */
public final class SteadyProducer implements AutoCloseable {

    public static final long INTERVAL_MS = 10;
    /**
     * Sends per run at most (over five minutes at 9 partitions, longer than any run's bounded waits add up
     * to), so the bench's small heap holds them; a run that reaches it stops sending and fails.
     */
    static final int SENDS_MAX = 300_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(150);

    /** One send in flight or done; the producer's I/O thread fills in the outcome. */
    private static final class Send {
        final TopicPartition partition;
        final String value;
        final long sendNs;
        volatile long ackNs = -1;
        volatile long offset = -1;
        volatile String error;

        Send(TopicPartition partition, String value, long sendNs) {
            this.partition = partition;
            this.value = value;
            this.sendNs = sendNs;
        }
    }

    private final KafkaProducer<String, String> producer;
    private final List<TopicPartition> partitions;
    private final String tag;
    private final List<Send> sends = new ArrayList<>();
    private final Map<TopicPartition, Long> lastAckNs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-steady-producer");
        thread.setDaemon(true);
        return thread;
    });
    private long sequence;
    private volatile String sendFailure;

    /** @param tag names the records and the client ({@code bench-<tag>}), so a run's records are told apart from another's */
    public SteadyProducer(String bootstrap, List<TopicPartition> partitions, String tag) {
        this.partitions = List.copyOf(partitions);
        this.tag = tag;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-" + tag,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    public void start() {
        ticker.scheduleAtFixedRate(this::tick, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            for (TopicPartition partition : partitions) {
                if (sends.size() >= SENDS_MAX) {
                    sendFailure = "reached " + SENDS_MAX + " sends";
                    return;
                }
                Send send = new Send(partition, tag + "-" + partition + "-" + sequence, System.nanoTime());
                synchronized (sends) {
                    sends.add(send);
                }
                producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), null, send.value), (metadata, e) -> {
                    send.ackNs = System.nanoTime();
                    if (e != null) {
                        send.error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    } else {
                        send.offset = metadata.offset();
                        lastAckNs.merge(partition, send.ackNs, Math::max);
                    }
                });
            }
            sequence++;
        } catch (RuntimeException e) {
            // send() itself failed (buffer exhausted past max.block.ms, say): the run reports it rather than
            // letting the scheduler drop the task without a word.
            sendFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
            throw e;
        }
    }

    /** True when every partition has had a record acknowledged at or after {@code sinceNs}. */
    public boolean allAckedSince(long sinceNs) {
        return partitions.stream().allMatch(p -> lastAckNs.getOrDefault(p, Long.MIN_VALUE) - sinceNs >= 0);
    }

    /** The partitions with no acknowledgement at or after {@code sinceNs}, for a failure message. */
    public List<TopicPartition> silentSince(long sinceNs) {
        return partitions.stream().filter(p -> lastAckNs.getOrDefault(p, Long.MIN_VALUE) - sinceNs < 0).toList();
    }

    /** Why sending stopped early, or null. */
    public String sendFailure() {
        return sendFailure;
    }

    /** Stops sending and waits (bounded) for every outstanding record's outcome; then returns them all, in send order. */
    public List<Ack> finish() throws InterruptedException {
        ticker.shutdown();
        ticker.awaitTermination(10, TimeUnit.SECONDS);
        producer.close(CLOSE_TIMEOUT);
        List<Ack> acks = new ArrayList<>();
        synchronized (sends) {
            for (Send send : sends) {
                acks.add(new Ack(send.partition, send.value, send.sendNs, send.ackNs, send.offset, send.error));
            }
        }
        return acks;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}

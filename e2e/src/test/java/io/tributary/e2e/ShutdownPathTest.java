package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.BrokerConnection;
import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.MetadataView;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stopping or stopped leader's side of failover, on three real processes (each broker and
 * controller voter), with the official Java producer at its defaults (acks=all, idempotent,
 * {@code request.timeout.ms} 30 s) writing to a partition the victim leads:
 * <ul>
 *   <li>SIGTERM of the active controller while it leads: leadership moves first (controlled
 *       shutdown), the producer is acknowledged by the new leader long before its request timeout,
 *       and the process exits promptly once its leaderships have moved, logging no stack trace; it
 *       restarts without recovery and nothing acknowledged is lost or duplicated.</li>
 *   <li>SIGSTOP of a leader until both survivors name a new leader, then SIGCONT: the resumed broker
 *       answers the requests the producer had queued on it as soon as it learns of its successor,
 *       so the producer carries on well before its 30 s request timeout, and no acks=all record it
 *       acknowledged is lost (a deposed leader never acknowledges one).</li>
 * </ul>
 * Timings are printed ({@code SHUTDOWN-PATH ...}); the bounds asserted are generous, for a loaded
 * machine, yet each is far below what the failure it guards against takes (a request left to time
 * out takes 30 s; a quorum stop waiting on its peer channels took 3 to 12 s).
 */
@ExtendWith(TributaryExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShutdownPathTest {
    private static final Duration BOUND = Duration.ofSeconds(60);
    /** Far below the producer's default request.timeout.ms (30 s), which a request left unanswered would wait out. */
    private static final Duration FIRST_ACK_BOUND = Duration.ofSeconds(12);
    /** From the last leadership moving to the process having exited. */
    private static final Duration EXIT_AFTER_HANDOVER_BOUND = Duration.ofSeconds(8);
    private static final int WARMUP_ACKS = 100;
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at \\S+\\(.*\\)$");
    private static final Pattern UNCLEAN = Pattern.compile("(?i)unclean shutdown");
    private static TributaryCluster cluster;

    @BeforeAll
    static void startCluster(Nodes classNodes) {
        cluster = classNodes.cluster(3, Map.of()).start();
    }

    /** A test that failed before it relaunched its victim must not take the next test down with it. */
    @BeforeEach
    void bringBackStoppedNodes() {
        cluster.restartAll();
    }

    @Test
    @Order(1)
    void sigtermOfTheActiveControllerMovesLeadershipFirstAndExitsPromptlyWithoutStackTraces() {
        int victim = cluster.activeController();
        Layout layout = layOut("term", victim);
        TributaryNode victimNode = cluster.node(victim);
        Producer producer = new Producer(cluster.bootstrap(), layout.tp);
        producer.start();
        try {
            producer.awaitAcks(WARMUP_ACKS);
            long signalNs = System.nanoTime();
            producer.markFailure(signalNs);
            CompletableFuture<Long> exited = CompletableFuture.supplyAsync(() -> {
                victimNode.stop();
                return System.nanoTime();
            });
            long movedNs = awaitLeaderMoved(layout, victim);
            long exitNs = exited.join();
            long firstAckNs = producer.awaitFirstAckAfterFailure();
            System.out.printf("SHUTDOWN-PATH SIGTERM (victim %d, the active controller): signal -> leadership moved (both survivors' "
                            + "Metadata) %d ms; -> process exited %d ms (%d ms after the move); -> first ack of a record sent after "
                            + "the signal %d ms%n", victim, ms(movedNs - signalNs), ms(exitNs - signalNs), ms(exitNs - movedNs),
                    ms(firstAckNs - signalNs));
            // The stop's own timeline, for the record: where the time between the signal and the exit went.
            victimNode.log().linesSinceLastLaunch().stream().dropWhile(line -> !line.contains("begins a controlled shutdown"))
                    .filter(line -> line.contains("[tributary-shutdown]")).forEach(line -> System.out.println("SHUTDOWN-PATH   " + line));
            assertThat(victimNode.exitCode().orElseThrow()).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(Duration.ofNanos(exitNs - movedNs)).as("from the last leadership moving to the process exiting")
                    .isLessThan(EXIT_AFTER_HANDOVER_BOUND);
            assertThat(Duration.ofNanos(firstAckNs - signalNs))
                    .as("SIGTERM -> first ack of a record sent after it (request.timeout.ms is 30 s)").isLessThan(FIRST_ACK_BOUND);
            assertThat(victimNode.log().linesSinceLastLaunchMatching(STACK_FRAME)).as("stack trace lines in the log of node %d, "
                    + "which was stopped with SIGTERM", victim).isEmpty();
            assertThat(victimNode.log().linesSinceLastLaunch()).as("lines about ServerNotReadyException in node %d's log", victim)
                    .noneMatch(line -> line.contains("ServerNotReadyException"));

            victimNode.restart();
            assertThat(victimNode.log().linesSinceLastLaunchMatching(UNCLEAN)).as("node %d after a SIGTERM: unclean shutdown lines",
                    victim).isEmpty();
            awaitBackInIsr(layout, victim);
            int acks = producer.ackCount();
            await("the producer goes on after node " + victim + " is back").atMost(BOUND).pollInterval(Duration.ofMillis(20))
                    .until(() -> producer.ackCount() >= acks + WARMUP_ACKS || !producer.errors.isEmpty());
        } finally {
            producer.finish();
        }
        producer.assertEveryAckReadBackOnce();
    }

    @Test
    @Order(2)
    void sigstopPastTheSessionThenSigcontAnswersQueuedRequestsAndLosesNoAcknowledgedRecord() {
        int controller = cluster.activeController();
        int victim = cluster.nodes().stream().map(TributaryNode::nodeId).filter(id -> id != controller).max(Integer::compare)
                .orElseThrow();
        Layout layout = layOut("stop", victim);
        TributaryNode victimNode = cluster.node(victim);
        Producer producer = new Producer(cluster.bootstrap(), layout.tp);
        producer.start();
        try {
            producer.awaitAcks(WARMUP_ACKS);
            long signalNs = System.nanoTime();
            victimNode.pause();
            producer.markFailure(signalNs);
            long movedNs;
            long resumeNs;
            try {
                movedNs = awaitLeaderMoved(layout, victim);
            } finally {
                victimNode.resume();
                resumeNs = System.nanoTime();
            }
            long firstAckNs = producer.awaitFirstAckAfterFailure();
            System.out.printf("SHUTDOWN-PATH SIGSTOP (victim %d): SIGSTOP -> leadership moved (both survivors' Metadata) %d ms; "
                            + "SIGCONT at %d ms; SIGSTOP -> first ack of a record sent after it %d ms (%d ms after SIGCONT)%n",
                    victim, ms(movedNs - signalNs), ms(resumeNs - signalNs), ms(firstAckNs - signalNs), ms(firstAckNs - resumeNs));
            assertThat(Duration.ofNanos(firstAckNs - resumeNs))
                    .as("SIGCONT -> first ack of a record sent after SIGSTOP (request.timeout.ms is 30 s)").isLessThan(FIRST_ACK_BOUND);
            awaitBackInIsr(layout, victim);
            int acks = producer.ackCount();
            await("the producer goes on after node " + victim + " rejoined").atMost(BOUND).pollInterval(Duration.ofMillis(20))
                    .until(() -> producer.ackCount() >= acks + WARMUP_ACKS || !producer.errors.isEmpty());
            List<String> truncations = victimNode.log().linesSinceLastLaunch().stream()
                    .filter(line -> line.contains(layout.tp.toString() + ": truncated")).toList();
            System.out.printf("SHUTDOWN-PATH SIGSTOP (victim %d): its truncation lines for %s: %s%n", victim, layout.tp, truncations);
        } finally {
            producer.finish();
        }
        producer.assertEveryAckReadBackOnce();
    }

    // ---------------------------------------------------------------------------------------------

    /** A topic of one partition, led by {@code victim}, on all three nodes, {@code min.insync.replicas=2}. */
    private record Layout(String topic, TopicPartition tp, List<Integer> replicas) {
    }

    private static Layout layOut(String suffix, int victim) {
        List<Integer> replicas = new ArrayList<>(List.of(victim));
        cluster.nodes().stream().map(TributaryNode::nodeId).filter(id -> id != victim).sorted().forEach(replicas::add);
        String topic = "shutdown-" + suffix;
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(new NewTopic(topic, Map.of(0, replicas)).configs(Map.of("min.insync.replicas", "2"))))
                    .all().get(Clients.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("creating " + topic + " failed", e);
        }
        cluster.awaitTopics(Map.of(topic, 1));
        ReplicatedLayout.awaitIsr(cluster, List.of(topic), topic + "-0 led by " + victim + " with every replica in sync",
                d -> d.values().stream().allMatch(info -> ReplicatedLayout.ids(info.isr()).containsAll(replicas)
                        && ReplicatedLayout.leaderOf(info) == victim));
        return new Layout(topic, new TopicPartition(topic, 0), replicas);
    }

    /** Waits until both survivors' own Metadata answers name the same new leader; returns when. */
    private static long awaitLeaderMoved(Layout layout, int victim) {
        List<TributaryNode> survivors = cluster.nodes().stream().filter(n -> n.nodeId() != victim).toList();
        await(layout.tp + ": both survivors name a new leader").atMost(BOUND).pollInterval(Duration.ofMillis(20))
                .ignoreExceptions().until(() -> {
                    Set<Integer> leaders = new HashSet<>();
                    for (TributaryNode s : survivors) {
                        MetadataView view = MetadataView.of(BrokerConnection.metadataOf(s.bootstrap(), List.of(layout.topic),
                                Duration.ofSeconds(5)));
                        leaders.add(view.topic(layout.topic).partition(0).leader());
                    }
                    return leaders.size() == 1 && !leaders.contains(victim) && !leaders.contains(-1);
                });
        return System.nanoTime();
    }

    private static void awaitBackInIsr(Layout layout, int victim) {
        ReplicatedLayout.awaitIsr(cluster, List.of(layout.topic), "node " + victim + " back in the ISR of " + layout.tp,
                d -> d.values().stream().allMatch(info -> ReplicatedLayout.ids(info.isr()).containsAll(layout.replicas)));
    }

    private static long ms(long ns) {
        return TimeUnit.NANOSECONDS.toMillis(ns);
    }

    /** An acknowledgement: offset, value, when the record was sent and acknowledged (nanoTime). */
    private record Ack(long offset, String value, long sentNs, long ackedNs) {
    }

    /** The Java producer at its defaults, writing numbered records to one partition, noting every ack and error. */
    private static final class Producer implements Runnable {
        private static final int OUTSTANDING_MAX = 400;
        private final KafkaProducer<byte[], byte[]> producer;
        private final TopicPartition tp;
        private final String bootstrap;
        private final Thread thread;
        private final List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger outstanding = new AtomicInteger();
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        private volatile boolean running = true;
        private volatile long failureNs = Long.MAX_VALUE;

        Producer(String bootstrap, TopicPartition tp) {
            this.bootstrap = bootstrap;
            this.producer = Clients.producer(bootstrap, Map.of(ProducerConfig.LINGER_MS_CONFIG, 2));
            this.tp = tp;
            this.thread = new Thread(this, "shutdown-path-producer");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void markFailure(long ns) {
            failureNs = ns;
        }

        @Override
        public void run() {
            long seq = 0;
            try {
                while (running) {
                    if (outstanding.get() < OUTSTANDING_MAX) {
                        String value = "v-" + seq++;
                        long sentNs = System.nanoTime();
                        outstanding.incrementAndGet();
                        producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), null, value.getBytes(StandardCharsets.UTF_8)),
                                (md, e) -> {
                                    outstanding.decrementAndGet();
                                    if (e != null) {
                                        errors.add(value + ": " + e);
                                    } else {
                                        acks.add(new Ack(md.offset(), value, sentNs, System.nanoTime()));
                                    }
                                });
                    }
                    // Pacing of the load, not a wait for a condition: a few hundred records a second.
                    Thread.sleep(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                errors.add("send threw " + e);
            }
        }

        int ackCount() {
            return acks.size();
        }

        void awaitAcks(int n) {
            await("producer warm-up: " + n + " acks on " + tp).atMost(BOUND).pollInterval(Duration.ofMillis(20))
                    .until(() -> acks.size() >= n || !errors.isEmpty());
            assertThat(errors).as("producer errors before the failure").isEmpty();
        }

        /** When the first record sent after the failure was acknowledged; waits for it (bounded). */
        long awaitFirstAckAfterFailure() {
            await("a record sent after the failure is acknowledged").atMost(BOUND).pollInterval(Duration.ofMillis(10))
                    .until(() -> firstAckAfterFailureNs() > 0 || !errors.isEmpty());
            assertThat(errors).as("producer errors").isEmpty();
            return firstAckAfterFailureNs();
        }

        private long firstAckAfterFailureNs() {
            synchronized (acks) {
                return acks.stream().filter(a -> a.sentNs() > failureNs).mapToLong(Ack::ackedNs).min().orElse(0);
            }
        }

        void finish() {
            running = false;
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.flush();
            producer.close(Duration.ofSeconds(10));
        }

        /** Every acknowledged record is in the partition exactly once, at the offset it was acknowledged with. */
        void assertEveryAckReadBackOnce() {
            assertThat(errors).as("producer errors").isEmpty();
            List<ConsumerRecord<byte[], byte[]>> read = Clients.readToEnd(bootstrap, tp, 0, BOUND);
            Map<String, Long> offsetOf = new HashMap<>();
            List<String> duplicated = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : read) {
                String value = new String(r.value(), StandardCharsets.UTF_8);
                if (offsetOf.put(value, r.offset()) != null) {
                    duplicated.add(value);
                }
            }
            List<String> lost = new ArrayList<>();
            synchronized (acks) {
                for (Ack a : acks) {
                    Long at = offsetOf.get(a.value());
                    if (at == null || at != a.offset()) {
                        lost.add(a.value() + " acknowledged at " + a.offset() + ", read at " + at);
                    }
                }
            }
            assertThat(acks).as("acknowledged records").isNotEmpty();
            assertThat(lost).as("acknowledged records lost or moved (of %d acknowledged)", acks.size()).isEmpty();
            assertThat(duplicated).as("records read more than once").isEmpty();
        }
    }
}

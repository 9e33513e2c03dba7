package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.BrokerConnection;
import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.MetadataView;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.ReplicaLogs;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.RetriableException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Leader failover under load, on three brokers (each also a controller voter). For each way a broker
 * can go (SIGKILL, SIGTERM, SIGSTOP past the session timeout then SIGCONT) the test lays out fresh
 * topics A and B (two replicas) and C (three replicas, {@code min.insync.replicas=2}) so that one
 * broker that is not the active controller, the {@code victim}, leads A-0, B-1 and C-0. The official
 * Java producer writes to every C partition continuously (acks=all, idempotent: its defaults) while a
 * consumer (assign, no group) reads C throughout. The victim goes; every partition it led must move to
 * a member of the ISR it had, the producer must carry on without a non-retriable error, and once the
 * victim is back and the producer has stopped, C read from the beginning holds every acknowledged
 * record exactly once, at its acknowledged offset, in order. The reader that ran throughout saw no gap
 * and no offset going backwards. An acks=1 run counts the acknowledged records lost to a SIGKILL of
 * the leader (printed, not asserted).
 *
 * <p>The producer's {@code request.timeout.ms} is 5 s (default 30 s) so a request stuck on a stopped
 * leader is retried elsewhere within the test's time; everything else is the client's default.
 */
@ExtendWith(TributaryExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverTest {
    private static final int PARTITIONS = 3;
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    /** Records acknowledged on every C partition before the victim goes, and on C-0 after it is back. */
    private static final int WARMUP_ACKS = 200;
    private static final int MAX_OUTSTANDING_PER_PARTITION = 400;
    private static TributaryCluster cluster;

    enum Failure { SIGKILL, SIGTERM, SIGSTOP }

    @BeforeAll
    static void startCluster(Nodes classNodes) {
        cluster = classNodes.cluster(3, Map.of()).start();
    }

    @Test
    @Order(1)
    void sigkillOfTheLeaderMovesLeadershipWithinTheIsrAndLosesNoAcknowledgedRecord() {
        Outcome outcome = runScenario("kill", Failure.SIGKILL, "all");
        outcome.assertNoLossNoDuplicates();
    }

    @Test
    @Order(2)
    void sigtermOfTheLeaderMovesLeadershipWithinTheIsrAndLosesNoAcknowledgedRecord() {
        Outcome outcome = runScenario("term", Failure.SIGTERM, "all");
        outcome.assertNoLossNoDuplicates();
    }

    @Test
    @Order(3)
    void sigstopOfTheLeaderPastItsSessionThenSigcontMakesItAFollowerWithTheNewLeadersLog() {
        Outcome outcome = runScenario("stop", Failure.SIGSTOP, "all");
        outcome.assertNoLossNoDuplicates();
    }

    @Test
    @Order(4)
    void acksOneSigkillOfTheLeaderCountsLostAcknowledgedRecords() {
        Outcome outcome = runScenario("acks1", Failure.SIGKILL, "1");
        System.out.printf("FAILOVER acks=1 SIGKILL: %d acknowledged, %d lost, %d read twice or more, %d producer errors%n",
                outcome.acknowledged(), outcome.lost(), outcome.duplicated(), outcome.producer.errors.size());
    }

    // ---------------------------------------------------------------------------------------------

    private Outcome runScenario(String suffix, Failure failure, String acks) {
        int controller = cluster.activeController();
        List<Integer> ids = cluster.nodes().stream().map(TributaryNode::nodeId).sorted().toList();
        int victim = ids.stream().filter(id -> id != controller).max(Integer::compare).orElseThrow();
        List<Integer> others = ids.stream().filter(id -> id != victim).toList();
        int a = others.get(0);
        int b = others.get(1);
        String topicA = "A-" + suffix;
        String topicB = "B-" + suffix;
        String topicC = "C-" + suffix;
        Map<String, Map<Integer, List<Integer>>> layout = new LinkedHashMap<>();
        layout.put(topicA, Map.of(0, List.of(victim, a), 1, List.of(a, b), 2, List.of(b, victim)));
        layout.put(topicB, Map.of(0, List.of(a, victim), 1, List.of(victim, b), 2, List.of(b, a)));
        layout.put(topicC, Map.of(0, List.of(victim, a, b), 1, List.of(a, b, victim), 2, List.of(b, victim, a)));
        List<String> topics = List.copyOf(layout.keySet());
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(new NewTopic(topicA, layout.get(topicA)), new NewTopic(topicB, layout.get(topicB)),
                    new NewTopic(topicC, layout.get(topicC)).configs(Map.of("min.insync.replicas", "2"))))
                    .all().get(Clients.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("creating " + topics + " failed", e);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        topics.forEach(t -> counts.put(t, PARTITIONS));
        cluster.awaitTopics(counts);
        ReplicatedLayout.awaitIsr(cluster, topics, "every replica of " + topics + " in sync, preferred leaders leading",
                d -> d.entrySet().stream().allMatch(e -> {
                    List<Integer> replicas = layout.get(e.getKey().topic()).get(e.getKey().partition());
                    return ReplicatedLayout.ids(e.getValue().isr()).containsAll(replicas)
                            && ReplicatedLayout.leaderOf(e.getValue()) == replicas.get(0);
                }));
        Map<TopicPartition, TopicPartitionInfo> before = ReplicatedLayout.describe(cluster.bootstrap(), topics);
        Map<TopicPartition, List<Integer>> ledByVictim = new TreeMap<>(
                java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        before.forEach((tp, info) -> {
            if (ReplicatedLayout.leaderOf(info) == victim) {
                ledByVictim.put(tp, ReplicatedLayout.ids(info.isr()));
            }
        });
        assertThat(ledByVictim.keySet()).as("partitions victim %s leads", victim).contains(new TopicPartition(topicC, 0)).hasSize(3);

        List<TopicPartition> cPartitions = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topicC, p)).toList();
        TributaryNode victimNode = cluster.node(victim);
        String label = failure + " acks=" + acks + " (victim " + victim + ", controller " + controller + ")";

        Watcher watcher = new Watcher(cluster.bootstrap(), cPartitions);
        LoadProducer producer = new LoadProducer(cluster.bootstrap(), topicC, acks);
        long[] leadersMovedMs = {-1};
        watcher.start();
        producer.start();
        try {
            await("producer warm-up: " + WARMUP_ACKS + " acks on every C partition").atMost(BOUND)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> cPartitions.stream().allMatch(tp -> producer.ackCount(tp.partition()) >= WARMUP_ACKS)
                            || !producer.errors.isEmpty());
            assertThat(producer.errors).as("producer errors before the failure").isEmpty();

            long signalNs = System.nanoTime();
            long stopReturnedNs = 0;
            java.util.concurrent.CompletableFuture<Long> stopping = null;
            switch (failure) {
                case SIGKILL -> victimNode.kill();
                case SIGTERM -> stopping = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    victimNode.stop(); // returns once the process exited
                    return System.nanoTime();
                });
                case SIGSTOP -> victimNode.pause();
            }
            producer.markFailure(signalNs);

            // Each survivor's own Metadata answer: an admin client may route describeTopics to the paused victim.
            List<TributaryNode> survivorNodes = List.of(cluster.node(a), cluster.node(b));
            AtomicReference<String> lastSeen = new AtomicReference<>("nothing");
            Map<TopicPartition, Integer> newLeaders = new HashMap<>();
            try {
                await(label + ": every partition victim led has a leader from its ISR before the failure, as both survivors say")
                        .atMost(BOUND).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
                            Map<TopicPartition, Integer> agreed = new HashMap<>();
                            StringBuilder seen = new StringBuilder();
                            for (TributaryNode survivor : survivorNodes) {
                                MetadataView view = MetadataView.of(BrokerConnection.metadataOf(survivor.bootstrap(),
                                        topics, Duration.ofSeconds(5)));
                                for (TopicPartition tp : ledByVictim.keySet()) {
                                    MetadataView.PartitionView pv = view.topic(tp.topic()).partition(tp.partition());
                                    seen.append("node ").append(survivor.nodeId()).append(": ").append(tp).append(" leader ")
                                            .append(pv.leader()).append(" isr ").append(pv.isr()).append("; ");
                                    Integer previous = agreed.put(tp, pv.leader());
                                    if (previous != null && previous != pv.leader()) {
                                        agreed.put(tp, -1);
                                    }
                                }
                            }
                            lastSeen.set(seen.toString());
                            boolean moved = agreed.values().stream().allMatch(l -> l >= 0 && l != victim);
                            if (moved) {
                                newLeaders.putAll(agreed);
                            }
                            return moved;
                        });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "; last seen: " + lastSeen.get(), e);
            }
            long leadersMovedNs = System.nanoTime();
            leadersMovedMs[0] = ms(leadersMovedNs - signalNs);
            if (stopping != null) {
                stopReturnedNs = stopping.join();
            }
            ledByVictim.forEach((tp, isr) -> assertThat(newLeaders.get(tp))
                    .as("%s: new leader of %s, ISR before was %s", label, tp, isr).isIn(isr));

            await(label + ": a C-0 record sent after the failure is acknowledged (by the new leader)").atMost(BOUND)
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> producer.firstAckAfterFailureNs(0) > 0 || !producer.errors.isEmpty());
            await(label + ": every C partition acknowledges records sent after the failure").atMost(BOUND)
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> cPartitions.stream().allMatch(tp -> producer.firstAckAfterFailureNs(tp.partition()) > 0)
                            || !producer.errors.isEmpty());
            long firstAckNs = producer.firstAckAfterFailureNs(0);
            System.out.printf("FAILOVER %s: signal -> leaders moved (both survivors' Metadata) %d ms; signal -> first C-0 ack of a record "
                            + "sent after the signal %s ms; %s; longest gap between acks on C-0 %d ms, C-1 %d ms, C-2 %d ms%n",
                    label, ms(leadersMovedNs - signalNs), firstAckNs > 0 ? Long.toString(ms(firstAckNs - signalNs)) : "none",
                    failure == Failure.SIGTERM ? "SIGTERM -> process exited " + ms(stopReturnedNs - signalNs) + " ms" : "",
                    ms(producer.longestAckGapNs(0)), ms(producer.longestAckGapNs(1)), ms(producer.longestAckGapNs(2)));
            if (acks.equals("all")) {
                assertThat(producer.errors).as("%s: producer errors (non-retriable) after the failure", label).isEmpty();
            }

            switch (failure) {
                case SIGKILL, SIGTERM -> victimNode.restart();
                case SIGSTOP -> victimNode.resume();
            }
            long backNs = System.nanoTime();
            ReplicatedLayout.awaitIsr(cluster, topics, label + ": victim back in the ISR of every partition it hosts, leading none",
                    d -> d.entrySet().stream().allMatch(e -> {
                        List<Integer> replicas = layout.get(e.getKey().topic()).get(e.getKey().partition());
                        return ReplicatedLayout.ids(e.getValue().isr()).containsAll(replicas)
                                && ReplicatedLayout.leaderOf(e.getValue()) != victim;
                    }));
            System.out.printf("FAILOVER %s: victim back -> in every ISR %d ms%n", label, ms(System.nanoTime() - backNs));
            int c0Acks = producer.ackCount(0);
            await(label + ": the producer goes on after the victim rejoined").atMost(BOUND).pollInterval(Duration.ofMillis(20))
                    .until(() -> producer.ackCount(0) >= c0Acks + WARMUP_ACKS || !producer.errors.isEmpty());
        } finally {
            if (victimNode.isAlive() && failure == Failure.SIGSTOP) {
                try {
                    victimNode.resume();
                } catch (RuntimeException | AssertionError ignored) {
                    // not paused (any more)
                }
            }
            producer.finish();
        }
        if (acks.equals("all")) {
            assertThat(producer.errors).as("%s: producer errors", label).isEmpty();
        }

        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read = new HashMap<>();
        Map<TopicPartition, Long> ends;
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(cluster.bootstrap())) {
            ends = consumer.endOffsets(cPartitions, READ_TIMEOUT);
        }
        for (TopicPartition tp : cPartitions) {
            read.put(tp.partition(), Clients.readToEnd(cluster.bootstrap(), tp, 0, READ_TIMEOUT));
        }
        await(label + ": the reader that ran throughout reached every end offset " + ends).atMost(BOUND)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> cPartitions.stream().allMatch(tp -> watcher.position(tp.partition()) >= ends.get(tp))
                        || watcher.error.get() != null);
        watcher.finish();
        assertThat(watcher.error.get()).as("%s: the reader's error", label).isNull();
        assertThat(watcher.anomalies).as("%s: gaps or offsets going backwards seen by the reader that ran throughout", label)
                .isEmpty();
        for (TopicPartition tp : cPartitions) {
            assertThat(watcher.values(tp.partition())).as("%s: what the reader that ran throughout saw of %s", label, tp)
                    .containsExactlyElementsOf(read.get(tp.partition()).stream().map(r -> text(r.value())).toList());
        }

        if (acks.equals("all")) {
            assertLogsMatchBelowHighWatermark(label, layout, victim, topics);
        }
        return new Outcome(label, producer, read, leadersMovedMs[0]);
    }

    /**
     * Every partition the victim hosts: its segment bytes below the high watermark equal its leader's
     * (waiting for it to catch up; the producer has stopped).
     */
    private static void assertLogsMatchBelowHighWatermark(String label, Map<String, Map<Integer, List<Integer>>> layout,
                                                          int victim, List<String> topics) {
        Map<TopicPartition, TopicPartitionInfo> described = ReplicatedLayout.describe(cluster.bootstrap(), topics);
        List<TopicPartition> hosted = described.keySet().stream()
                .filter(tp -> layout.get(tp.topic()).get(tp.partition()).contains(victim)).toList();
        Map<TopicPartition, Long> highWatermarks;
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(cluster.bootstrap())) {
            highWatermarks = consumer.endOffsets(hosted, READ_TIMEOUT);
        }
        for (TopicPartition tp : hosted) {
            int leader = ReplicatedLayout.leaderOf(described.get(tp));
            long hw = highWatermarks.get(tp);
            AtomicReference<String> last = new AtomicReference<>("");
            try {
                await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                    ReplicaLogs.Prefix mine = ReplicaLogs.below(ReplicaLogs.read(ReplicaLogs.partitionDir(cluster.node(victim), tp)), hw);
                    ReplicaLogs.Prefix theirs = ReplicaLogs.below(ReplicaLogs.read(ReplicaLogs.partitionDir(cluster.node(leader), tp)), hw);
                    int mismatch = Arrays.mismatch(mine.bytes(), theirs.bytes());
                    last.set("victim " + victim + ": " + mine + ", leader " + leader + ": " + theirs + ", first difference at byte "
                            + mismatch);
                    return mismatch == -1 && theirs.endOffset() == hw;
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(label + ": " + tp + " below the high watermark " + hw + ": " + last.get(), e);
            }
        }
    }

    private static long ms(long ns) {
        return TimeUnit.NANOSECONDS.toMillis(ns);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** An acknowledgement: the offset and value, and when (nanoTime) the record was sent and acknowledged. */
    record Ack(long offset, String value, long sentNs, long ackedNs) {
    }

    /** The producer under test: sends {@code <partition>-<seq>} to every C partition in turn, recording every ack. */
    static final class LoadProducer implements Runnable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;
        private final Thread thread;
        private final Map<Integer, List<Ack>> acks = new ConcurrentHashMap<>();
        private final Map<Integer, AtomicInteger> outstanding = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        private volatile boolean running = true;
        private volatile long failureNs = Long.MAX_VALUE;

        LoadProducer(String bootstrap, String topic, String acks) {
            Map<String, Object> overrides = new HashMap<>();
            overrides.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            overrides.put(ProducerConfig.LINGER_MS_CONFIG, 2);
            if (!acks.equals("all")) {
                overrides.put(ProducerConfig.ACKS_CONFIG, acks);
                overrides.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
            }
            this.producer = Clients.producer(bootstrap, overrides);
            this.topic = topic;
            for (int p = 0; p < PARTITIONS; p++) {
                this.acks.put(p, Collections.synchronizedList(new ArrayList<>()));
                outstanding.put(p, new AtomicInteger());
            }
            this.thread = new Thread(this, "failover-producer-" + topic);
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
            long[] seq = new long[PARTITIONS];
            try {
                while (running) {
                    boolean sent = false;
                    for (int p = 0; p < PARTITIONS; p++) {
                        if (outstanding.get(p).get() >= MAX_OUTSTANDING_PER_PARTITION) {
                            continue;
                        }
                        int partition = p;
                        String value = p + "-" + seq[p]++;
                        long sentNs = System.nanoTime();
                        outstanding.get(p).incrementAndGet();
                        producer.send(new ProducerRecord<>(topic, p, null, value.getBytes(StandardCharsets.UTF_8)), (md, e) -> {
                            outstanding.get(partition).decrementAndGet();
                            if (e != null) {
                                errors.add(value + ": " + e + (e instanceof RetriableException ? " (retriable, gave up)" : ""));
                            } else {
                                acks.get(partition).add(new Ack(md.offset(), value, sentNs, System.nanoTime()));
                            }
                        });
                        sent = true;
                    }
                    // Pacing of the load, not a wait for a condition: about 1000 records a second per partition at most.
                    Thread.sleep(sent ? 1 : 5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                errors.add("send threw " + e);
            }
        }

        int ackCount(int partition) {
            return acks.get(partition).size();
        }

        /** When the first record sent after the failure was acknowledged on {@code partition}; 0 if none yet. */
        long firstAckAfterFailureNs(int partition) {
            synchronized (acks.get(partition)) {
                return acks.get(partition).stream().filter(a -> a.sentNs() > failureNs).mapToLong(Ack::ackedNs).min().orElse(0);
            }
        }

        long longestAckGapNs(int partition) {
            synchronized (acks.get(partition)) {
                long longest = 0;
                long previous = -1;
                for (Ack ack : acks.get(partition).stream().sorted(java.util.Comparator.comparingLong(Ack::ackedNs)).toList()) {
                    if (previous >= 0) {
                        longest = Math.max(longest, ack.ackedNs() - previous);
                    }
                    previous = ack.ackedNs();
                }
                return longest;
            }
        }

        /** Stops sending, waits for every record sent to be answered, and closes the producer. */
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

        List<Ack> acks(int partition) {
            synchronized (acks.get(partition)) {
                return List.copyOf(acks.get(partition));
            }
        }
    }

    /** A consumer (assign, from offset 0) reading C throughout, noting any gap or offset going backwards. */
    static final class Watcher implements Runnable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<TopicPartition> partitions;
        private final Thread thread;
        private final Map<Integer, List<String>> values = new ConcurrentHashMap<>();
        private final Map<Integer, Long> next = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> anomalies = new ConcurrentLinkedQueue<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        private volatile boolean running = true;

        Watcher(String bootstrap, List<TopicPartition> partitions) {
            this.consumer = Clients.consumer(bootstrap);
            this.partitions = partitions;
            partitions.forEach(tp -> {
                values.put(tp.partition(), Collections.synchronizedList(new ArrayList<>()));
                next.put(tp.partition(), 0L);
            });
            this.thread = new Thread(this, "failover-reader");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        @Override
        public void run() {
            try {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        long expected = next.get(r.partition());
                        if (r.offset() != expected) {
                            anomalies.add((r.offset() < expected ? "backwards" : "gap") + " on partition " + r.partition()
                                    + ": offset " + r.offset() + " after " + (expected - 1));
                        }
                        next.put(r.partition(), r.offset() + 1);
                        values.get(r.partition()).add(text(r.value()));
                    }
                }
            } catch (Throwable t) {
                error.set(t);
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        long position(int partition) {
            return next.get(partition);
        }

        List<String> values(int partition) {
            synchronized (values.get(partition)) {
                return List.copyOf(values.get(partition));
            }
        }

        void finish() {
            running = false;
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What the producer was acknowledged and what C holds afterwards. */
    record Outcome(String label, LoadProducer producer, Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read,
                   long signalToLeadersMovedMs) {
        int acknowledged() {
            return IntStream.range(0, PARTITIONS).map(p -> producer.acks(p).size()).sum();
        }

        /** Acknowledged records not found at their acknowledged offset. */
        int lost() {
            int lost = 0;
            for (int p = 0; p < PARTITIONS; p++) {
                Map<Long, String> atOffset = new HashMap<>();
                read.get(p).forEach(r -> atOffset.put(r.offset(), text(r.value())));
                for (Ack ack : producer.acks(p)) {
                    if (!ack.value().equals(atOffset.get(ack.offset()))) {
                        lost++;
                    }
                }
            }
            return lost;
        }

        int duplicated() {
            int duplicated = 0;
            for (int p = 0; p < PARTITIONS; p++) {
                Map<String, Integer> seen = new HashMap<>();
                read.get(p).forEach(r -> seen.merge(text(r.value()), 1, Integer::sum));
                duplicated += (int) seen.values().stream().filter(n -> n > 1).count();
            }
            return duplicated;
        }

        /** Per partition: C holds exactly the acknowledged records, each at its acknowledged offset, in send order. */
        void assertNoLossNoDuplicates() {
            for (int p = 0; p < PARTITIONS; p++) {
                List<Ack> acks = new ArrayList<>(producer.acks(p));
                acks.sort(java.util.Comparator.comparingLong(Ack::offset));
                List<String> expected = acks.stream().map(a -> a.offset() + " " + a.value()).toList();
                List<String> actual = read.get(p).stream().map(r -> r.offset() + " " + text(r.value())).toList();
                assertThat(actual).as("%s: partition %d from the beginning (offset and value), against every acknowledgement",
                        label, p).containsExactlyElementsOf(expected);
                List<Long> sendOrder = acks.stream().map(a -> Long.parseLong(a.value().substring(a.value().indexOf('-') + 1)))
                        .toList();
                assertThat(sendOrder).as("%s: partition %d, sequence numbers by offset: the send order", label, p).isSorted();
            }
        }
    }
}

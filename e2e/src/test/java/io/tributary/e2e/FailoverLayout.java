package io.tributary.e2e;

import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.BrokerConnection;
import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.MetadataView;
import io.tributary.e2e.harness.ReplicaLogs;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The seed's layout for one failover scenario, around the broker that will fail (the {@code victim}:
 * the highest node id that is not the active controller, so that its failure does not also start a
 * controller election): topics A and B with two replicas and C with three
 * ({@code min.insync.replicas=2}), three partitions each, placed so that the victim leads A-0, B-1 and
 * C-0 and the other two brokers ({@code a} and {@code b}) lead the rest. Topic names carry the
 * scenario's suffix, so that each scenario starts from empty partitions.
 */
record FailoverLayout(int victim, int a, int b, String topicA, String topicB, String topicC,
                      Map<String, Map<Integer, List<Integer>>> assignment) {
    static final int PARTITIONS = 3;
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    static FailoverLayout around(TributaryCluster cluster, String suffix) {
        int controller = cluster.activeController();
        List<Integer> ids = cluster.nodes().stream().map(TributaryNode::nodeId).sorted().toList();
        int victim = ids.stream().filter(id -> id != controller).max(Integer::compare).orElseThrow();
        List<Integer> others = ids.stream().filter(id -> id != victim).toList();
        int a = others.get(0);
        int b = others.get(1);
        Map<String, Map<Integer, List<Integer>>> assignment = new LinkedHashMap<>();
        assignment.put("A-" + suffix, Map.of(0, List.of(victim, a), 1, List.of(a, b), 2, List.of(b, victim)));
        assignment.put("B-" + suffix, Map.of(0, List.of(a, victim), 1, List.of(victim, b), 2, List.of(b, a)));
        assignment.put("C-" + suffix, Map.of(0, List.of(victim, a, b), 1, List.of(a, b, victim), 2, List.of(b, victim, a)));
        return new FailoverLayout(victim, a, b, "A-" + suffix, "B-" + suffix, "C-" + suffix, assignment);
    }

    List<String> topics() {
        return List.of(topicA, topicB, topicC);
    }

    List<TopicPartition> cPartitions() {
        return IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topicC, p)).toList();
    }

    private List<Integer> replicas(TopicPartition tp) {
        return assignment.get(tp.topic()).get(tp.partition());
    }

    /** Creates the topics and waits until every replica is in sync and every preferred leader leads. */
    void create(TributaryCluster cluster) {
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(new NewTopic(topicA, assignment.get(topicA)), new NewTopic(topicB, assignment.get(topicB)),
                    new NewTopic(topicC, assignment.get(topicC)).configs(Map.of("min.insync.replicas", "2"))))
                    .all().get(Clients.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("creating " + topics() + " failed", e);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        topics().forEach(t -> counts.put(t, PARTITIONS));
        cluster.awaitTopics(counts);
        ReplicatedLayout.awaitIsr(cluster, topics(), "every replica of " + topics() + " in sync, preferred leaders leading",
                d -> d.entrySet().stream().allMatch(e -> ReplicatedLayout.ids(e.getValue().isr()).containsAll(replicas(e.getKey()))
                        && ReplicatedLayout.leaderOf(e.getValue()) == replicas(e.getKey()).get(0)));
    }

    /** Each partition the victim leads now, with its ISR. */
    Map<TopicPartition, List<Integer>> ledByVictim(TributaryCluster cluster) {
        Map<TopicPartition, List<Integer>> led = new TreeMap<>(
                Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        ReplicatedLayout.describe(cluster.bootstrap(), topics()).forEach((tp, info) -> {
            if (ReplicatedLayout.leaderOf(info) == victim) {
                led.put(tp, ReplicatedLayout.ids(info.isr()));
            }
        });
        return led;
    }

    /**
     * Waits until both survivors' own Metadata answers agree that every partition in {@code partitions}
     * has a leader other than the victim, and returns those leaders. (An admin client may route
     * describeTopics to a paused victim, so each survivor is asked directly.)
     */
    Map<TopicPartition, Integer> awaitLeadersMovedOffVictim(TributaryCluster cluster, String label,
                                                            Iterable<TopicPartition> partitions) {
        List<TributaryNode> survivors = List.of(cluster.node(a), cluster.node(b));
        AtomicReference<String> lastSeen = new AtomicReference<>("nothing");
        Map<TopicPartition, Integer> newLeaders = new HashMap<>();
        try {
            await(label + ": every partition victim led has a leader other than the victim, as both survivors say")
                    .atMost(BOUND).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
                        Map<TopicPartition, Integer> agreed = new HashMap<>();
                        StringBuilder seen = new StringBuilder();
                        for (TributaryNode survivor : survivors) {
                            MetadataView view = MetadataView.of(BrokerConnection.metadataOf(survivor.bootstrap(), topics(),
                                    Duration.ofSeconds(5)));
                            for (TopicPartition tp : partitions) {
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
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + lastSeen.get(), e);
        }
        return newLeaders;
    }

    /** Waits until the victim is back in the ISR of every partition it hosts, leading none. */
    void awaitVictimBackInEveryIsr(TributaryCluster cluster, String label) {
        ReplicatedLayout.awaitIsr(cluster, topics(), label + ": victim back in the ISR of every partition it hosts, leading none",
                d -> d.entrySet().stream().allMatch(e -> ReplicatedLayout.ids(e.getValue().isr()).containsAll(replicas(e.getKey()))
                        && ReplicatedLayout.leaderOf(e.getValue()) != victim));
    }

    /**
     * Every partition the victim hosts: its segment bytes below the high watermark equal its leader's
     * (waiting for it to catch up; the writers have stopped).
     */
    void assertLogsMatchBelowHighWatermark(TributaryCluster cluster, String label) {
        Map<TopicPartition, TopicPartitionInfo> described = ReplicatedLayout.describe(cluster.bootstrap(), topics());
        List<TopicPartition> hosted = described.keySet().stream().filter(tp -> replicas(tp).contains(victim)).toList();
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
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(label + ": " + tp + " below the high watermark " + hw + ": " + last.get(), e);
            }
        }
    }
}

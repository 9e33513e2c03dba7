package io.tributary.e2e;

import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryNode;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The replicated topics of the replication tests, after the seed's picture of Kafka replication
 * (docs: topics A and B with two replicas, C with three, spread over three brokers), on a three-node
 * cluster with {@code min.insync.replicas=2}. Replicas are placed by explicit assignment around one
 * chosen broker, the {@code follower}: it leads no partition, so killing it tests a follower leaving
 * and rejoining rather than a leader election, and it is not the active controller, so the kill does
 * not also start a controller election. The other two brokers are {@code first} and {@code second}.
 *
 * <p>Three partitions per topic: and B-0 have two replicas one of which is the follower
 * (they fall below min.insync.replicas when it dies); A-2, B-1 and B-2 do not involve it; every C
 * partition has all three brokers, the follower last. A topic named {@code C-...} is laid out as C.
 */
record ReplicatedLayout(int follower, int first, int second) {
    static final int PARTITIONS = 3;
    static final Map<String, String> CLUSTER_PROPERTIES = Map.of("min.insync.replicas", "2");
    /** Generous: ISR changes wait for failure detection and, on rejoin, a restart and catch-up. */
    static final Duration ISR_TIMEOUT = Duration.ofSeconds(120);

    /** Chooses the follower in a started cluster: the highest node id that is not the active controller. */
    static ReplicatedLayout around(TributaryCluster cluster) {
        int controller = cluster.activeController();
        List<Integer> ids = cluster.nodes().stream().map(TributaryNode::nodeId).sorted().toList();
        int follower = ids.stream().filter(id -> id != controller).max(Integer::compare).orElseThrow();
        List<Integer> others = ids.stream().filter(id -> id != follower).toList();
        return new ReplicatedLayout(follower, others.get(0), others.get(1));
    }

    /** Partition index to replicas, the preferred leader first. */
    Map<Integer, List<Integer>> assignment(String topic) {
        Map<Integer, List<Integer>> replicas = new TreeMap<>();
        switch (topic.startsWith("C-") ? "C" : topic) {
            case "A" -> {
                replicas.put(0, List.of(first, follower));
                replicas.put(1, List.of(second, follower));
                replicas.put(2, List.of(first, second));
            }
            case "B" -> {
                replicas.put(0, List.of(second, follower));
                replicas.put(1, List.of(first, second));
                replicas.put(2, List.of(second, first));
            }
            case "C" -> {
                replicas.put(0, List.of(first, second, follower));
                replicas.put(1, List.of(second, first, follower));
                replicas.put(2, List.of(first, follower, second));
            }
            default -> throw new IllegalArgumentException("no layout for topic " + topic);
        }
        return replicas;
    }

    List<TopicPartition> partitions(String topic) {
        return IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)).toList();
    }

    List<TopicPartition> partitions(Collection<String> topics) {
        return topics.stream().flatMap(t -> partitions(t).stream()).toList();
    }

    /** Whether the follower is one of {@code partition}'s replicas. */
    boolean hostsFollower(TopicPartition partition) {
        return assignment(partition.topic()).get(partition.partition()).contains(follower);
    }

    /** Creates the topics with their assignments, and waits until every broker knows them and every replica is in sync. */
    void create(TributaryCluster cluster, List<String> topics) {
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, assignment(t))).toList()).all()
                    .get(Clients.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("creating " + topics + " failed", e);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        topics.forEach(t -> counts.put(t, PARTITIONS));
        cluster.awaitTopics(counts);
        awaitIsr(cluster, topics, "every replica of " + topics + " in its ISR", this::fullyInSync);
    }

    /** Every partition has all its replicas in its ISR, and its preferred leader leads. */
    boolean fullyInSync(Map<TopicPartition, TopicPartitionInfo> partitions) {
        return partitions.entrySet().stream().allMatch(e -> {
            List<Integer> replicas = assignment(e.getKey().topic()).get(e.getKey().partition());
            return ids(e.getValue().isr()).containsAll(replicas) && leaderOf(e.getValue()) == replicas.get(0);
        });
    }

    /** Each partition's description, as the admin client gets it through {@code bootstrap}. */
    static Map<TopicPartition, TopicPartitionInfo> describe(String bootstrap, Collection<String> topics) {
        try (Admin admin = Clients.admin(bootstrap, Duration.ofSeconds(10))) {
            Map<TopicPartition, TopicPartitionInfo> partitions = new TreeMap<>(
                    java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                topic.partitions().forEach(p -> partitions.put(new TopicPartition(topic.name(), p.partition()), p));
            }
            return partitions;
        } catch (Exception e) {
            throw new IllegalStateException("describeTopics " + topics + " through " + bootstrap + " failed", e);
        }
    }

    /** Waits (up to {@link #ISR_TIMEOUT}) until the running brokers describe the topics so that {@code condition} holds. */
    static void awaitIsr(TributaryCluster cluster, Collection<String> topics, String what,
                         Predicate<Map<TopicPartition, TopicPartitionInfo>> condition) {
        AtomicReference<Map<TopicPartition, TopicPartitionInfo>> last = new AtomicReference<>();
        try {
            await(what).atMost(ISR_TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                Map<TopicPartition, TopicPartitionInfo> seen = describe(cluster.runningBootstrap(), topics);
                last.set(seen);
                return condition.test(seen);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": not seen within " + ISR_TIMEOUT.toSeconds() + " s; the last answer was "
                    + (last.get() == null ? "none (describeTopics never answered)" : text(last.get())), e);
        }
    }

    /** {@code A-0 leader 1 replicas [1, 3] isr [1]; ...}, for failure messages. */
    static String text(Map<TopicPartition, TopicPartitionInfo> partitions) {
        StringBuilder out = new StringBuilder();
        partitions.forEach((tp, p) -> out.append(out.length() == 0 ? "" : "; ").append(tp).append(" leader ").append(leaderOf(p))
                .append(" replicas ").append(ids(p.replicas())).append(" isr ").append(ids(p.isr())));
        return out.toString();
    }

    static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    static int leaderOf(TopicPartitionInfo partition) {
        return partition.leader() == null ? -1 : partition.leader().id();
    }
}

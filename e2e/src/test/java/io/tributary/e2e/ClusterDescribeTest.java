package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.ExternalTools;
import io.tributary.e2e.harness.MetadataView;
import io.tributary.e2e.harness.MetadataView.PartitionView;
import io.tributary.e2e.harness.MetadataView.TopicView;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A cluster of three processes, each broker and controller, describes itself the same way from every
 * broker: the official admin client bootstrapped through each broker in turn sees the same controller,
 * brokers, topic ids, leaders, replicas and ISR, and each broker's own Metadata answer (asked of that
 * broker alone) agrees down to leader epochs and offline replicas. Topics of replication factor 1, 2
 * and 3 are placed with every replica on a distinct broker, the preferred (first) replica leading, and
 * leaderships spread evenly over the brokers. kcat (librdkafka) bootstrapped through any one broker
 * lists all three brokers, the controller, and the same leaders, replicas and ISRs.
 */
@ExtendWith(TributaryExtension.class)
class ClusterDescribeTest {
    /** Topic name -> {partitions, replication factor}. */
    private static final Map<String, int[]> TOPICS = new LinkedHashMap<>();
    private static TributaryCluster cluster;

    static {
        TOPICS.put("describe-rf1", new int[] {6, 1});
        TOPICS.put("describe-rf2", new int[] {6, 2});
        TOPICS.put("describe-rf3", new int[] {9, 3});
    }

    @BeforeAll
    static void startClusterAndCreateTopics(Nodes classNodes) throws Exception {
        cluster = classNodes.startCluster(3);
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            List<NewTopic> topics = new ArrayList<>();
            TOPICS.forEach((name, shape) -> topics.add(new NewTopic(name, shape[0], (short) shape[1])));
            admin.createTopics(topics).all().get(Clients.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        Map<String, Integer> partitions = new LinkedHashMap<>();
        TOPICS.forEach((name, shape) -> partitions.put(name, shape[0]));
        cluster.awaitTopics(partitions);
    }

    @Test
    void theAdminClientThroughEveryBrokerSeesTheSameClusterAndTopics() throws Exception {
        int controller = cluster.activeController();
        Map<Integer, Map<String, String>> described = new TreeMap<>();
        for (TributaryNode node : cluster.running()) {
            try (Admin admin = Clients.admin(node.bootstrap())) {
                DescribeClusterResult clusterResult = admin.describeCluster();
                assertThat(clusterResult.controller().get().id()).as("controller through %s", node).isEqualTo(controller);
                assertThat(clusterResult.nodes().get()).as("brokers through %s", node).extracting(Node::id)
                        .containsExactlyInAnyOrderElementsOf(cluster.runningIds());
                Map<String, TopicDescription> topics = admin.describeTopics(TOPICS.keySet()).allTopicNames().get();
                Map<String, String> canonical = new TreeMap<>();
                topics.forEach((name, d) -> canonical.put(name, canonical(d)));
                canonical.put("cluster.id", clusterResult.clusterId().get());
                described.put(node.nodeId(), canonical);
            }
        }
        Map<String, String> first = described.values().iterator().next();
        assertThat(described).as("what the admin client sees through each broker").allSatisfy(
                (id, view) -> assertThat(view).as("through node %s", id).isEqualTo(first));
        TOPICS.forEach((name, shape) -> assertThat(first.get(name)).as(name).contains("partitions=" + shape[0]));
    }

    @Test
    void everyBrokerAnswersMetadataIdenticallyWithPreferredLeadersAndFullIsr() {
        Map<Integer, MetadataView> views = cluster.metadataFromEach(List.copyOf(TOPICS.keySet()));
        MetadataView first = views.values().iterator().next();
        assertThat(views).as("each broker's own Metadata answer").hasSize(3).allSatisfy(
                (id, view) -> assertThat(view).as("broker %s", id).isEqualTo(first));
        assertThat(first.controllerId()).as("controller").isEqualTo(cluster.activeController());
        assertThat(first.brokerIds()).containsExactly(1, 2, 3);

        for (Map.Entry<String, int[]> entry : TOPICS.entrySet()) {
            TopicView topic = first.topic(entry.getKey());
            assertThat(topic.errorCode()).as("%s error", topic.name()).isZero();
            assertThat(topic.topicId()).as("%s id", topic.name()).isNotEqualTo("AAAAAAAAAAAAAAAAAAAAAA");
            assertThat(topic.partitions()).as("%s partitions", topic.name()).hasSize(entry.getValue()[0]);
            for (PartitionView p : topic.partitions()) {
                String what = topic.name() + "-" + p.index();
                assertThat(p.errorCode()).as("%s error", what).isZero();
                assertThat(p.replicas()).as("%s replicas", what).hasSize(entry.getValue()[1]).doesNotHaveDuplicates()
                        .allMatch(id -> id >= 1 && id <= 3);
                assertThat(p.leader()).as("%s leader is the preferred (first) replica", what).isEqualTo(p.replicas().get(0));
                assertThat(p.leaderEpoch()).as("%s leader epoch", what).isGreaterThanOrEqualTo(0);
                assertThat(new HashSet<>(p.isr())).as("%s ISR: every replica is alive", what).isEqualTo(new HashSet<>(p.replicas()));
                assertThat(p.offlineReplicas()).as("%s offline replicas", what).isEmpty();
            }
        }
        assertThat(first.topics().stream().map(TopicView::topicId).distinct()).as("topic ids are distinct").hasSize(TOPICS.size());
    }

    @Test
    void placementSpreadsLeadershipsAndReplicasEvenlyOverTheBrokers() {
        MetadataView view = cluster.metadataFromEach(List.copyOf(TOPICS.keySet())).values().iterator().next();
        Map<Integer, Integer> leadersOverall = new TreeMap<>();
        for (Map.Entry<String, int[]> entry : TOPICS.entrySet()) {
            TopicView topic = view.topic(entry.getKey());
            Map<Integer, Long> leaders = topic.partitions().stream()
                    .collect(Collectors.groupingBy(PartitionView::leader, TreeMap::new, Collectors.counting()));
            Map<Integer, Long> replicas = topic.partitions().stream().flatMap(p -> p.replicas().stream())
                    .collect(Collectors.groupingBy(id -> id, TreeMap::new, Collectors.counting()));
            int partitions = entry.getValue()[0];
            int rf = entry.getValue()[1];
            assertThat(leaders).as("%s: partitions led by each broker", topic.name()).containsOnlyKeys(1, 2, 3)
                    .allSatisfy((id, count) -> assertThat(count).isEqualTo(partitions / 3L));
            assertThat(replicas).as("%s: replicas on each broker", topic.name()).containsOnlyKeys(1, 2, 3)
                    .allSatisfy((id, count) -> assertThat(count).isEqualTo((long) partitions * rf / 3));
            leaders.forEach((id, count) -> leadersOverall.merge(id, count.intValue(), Integer::sum));
        }
        assertThat(leadersOverall).as("leaderships over all topics").containsOnlyKeys(1, 2, 3)
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(7));
    }

    @Test
    void kcatMetadataThroughAnyBrokerListsEveryBrokerAndTheSameLeaders() {
        Path kcat = ExternalTools.require("kcat", "install it with 'apt-get install -y kcat' (.ci/run does)");
        int controller = cluster.activeController();
        MetadataView truth = cluster.metadataFromEach(List.copyOf(TOPICS.keySet())).values().iterator().next();
        List<String> expectedPartitions = new ArrayList<>();
        for (String name : TOPICS.keySet()) {
            for (PartitionView p : truth.topic(name).partitions()) {
                expectedPartitions.add(name + " partition " + p.index() + ", leader " + p.leader() + ", replicas: "
                        + join(p.replicas()) + ", isrs: " + join(p.isr()));
            }
        }
        for (TributaryNode node : cluster.running()) {
            CommandRunner.Result result = CommandRunner.run(List.of(kcat.toString(), "-L", "-b", node.bootstrap()),
                    node.dir(), new byte[0], Duration.ofSeconds(60)).requireSuccess();
            List<String> lines = result.stdoutLines().stream().map(String::strip).toList();
            assertThat(lines).as("kcat -L through %s", node).contains("3 brokers:")
                    .contains("broker " + controller + " at " + cluster.node(controller).bootstrap() + " (controller)");
            for (TributaryNode other : cluster.running()) {
                assertThat(lines).as("kcat -L through %s", node).anyMatch(
                        line -> line.startsWith("broker " + other.nodeId() + " at " + other.bootstrap()));
            }
            List<String> partitions = new ArrayList<>();
            String topic = null;
            for (String line : lines) {
                Matcher header = KCAT_TOPIC.matcher(line);
                if (header.matches()) {
                    topic = header.group(1);
                } else if (line.startsWith("partition ") && topic != null && TOPICS.containsKey(topic)) {
                    partitions.add(topic + " " + line);
                }
            }
            assertThat(partitions).as("partitions kcat -L lists through %s", node)
                    .containsExactlyInAnyOrderElementsOf(expectedPartitions);
        }
    }

    private static final Pattern KCAT_TOPIC = Pattern.compile("topic \"([^\"]+)\" with \\d+ partitions:");

    private static String join(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String canonical(TopicDescription d) {
        StringBuilder text = new StringBuilder("id=" + d.topicId() + " internal=" + d.isInternal()
                + " partitions=" + d.partitions().size());
        for (TopicPartitionInfo p : d.partitions()) {
            text.append(" | ").append(p.partition()).append(" leader=").append(p.leader() == null ? "none" : p.leader().id())
                    .append(" replicas=").append(p.replicas().stream().map(Node::id).toList())
                    .append(" isr=").append(p.isr().stream().map(Node::id).toList());
        }
        return text.toString();
    }
}

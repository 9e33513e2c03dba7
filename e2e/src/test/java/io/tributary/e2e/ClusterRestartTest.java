package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.MetadataView;
import io.tributary.e2e.harness.MetadataView.PartitionView;
import io.tributary.e2e.harness.MetadataView.TopicView;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every process of a three-node cluster stopped at once, then started again on the same directories:
 * first with SIGTERM (a clean stop, as an operator would), then with SIGKILL (a power cut). Each time
 * the cluster comes back with the same cluster id and topics: same topic ids, partition counts and
 * replica placements, every partition led by one of its replicas (the sole replica for replication
 * factor 1), the configs set at creation and changed afterwards, and every acknowledged record.
 */
@ExtendWith(TributaryExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRestartTest {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final String RF1 = "restart-rf1";
    private static final String RF2 = "restart-rf2";
    private static final String RF3 = "restart-rf3";
    private static final Map<String, Integer> PARTITIONS = Map.of(RF1, 6, RF2, 4, RF3, 3);
    private static final int RECORDS_PER_PARTITION = 20;
    private static TributaryCluster cluster;
    private static MetadataView before;
    private static Map<String, Map<String, String>> configsBefore;
    private static final Map<Integer, List<SampleRecord>> SENT = new TreeMap<>();

    @BeforeAll
    static void startClusterWithTopicsConfigsAndRecords(Nodes classNodes) throws Exception {
        cluster = classNodes.startCluster(3);
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(
                    new NewTopic(RF1, PARTITIONS.get(RF1), (short) 1).configs(Map.of("retention.ms", "3600000")),
                    new NewTopic(RF2, PARTITIONS.get(RF2), (short) 2).configs(Map.of("segment.bytes", "1048576")),
                    new NewTopic(RF3, PARTITIONS.get(RF3), (short) 3))).all().get(30, TimeUnit.SECONDS);
            // A config changed after creation is a separate metadata record; it must survive as well.
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, RF3), List.of(
                    new AlterConfigOp(new ConfigEntry("max.message.bytes", "500000"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("retention.bytes", "10485760"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        cluster.awaitTopics(PARTITIONS);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.bootstrap())) {
            for (int p = 0; p < PARTITIONS.get(RF1); p++) {
                List<SampleRecord> records = SampleRecord.generate("restart-p" + p, RECORDS_PER_PARTITION,
                        System.currentTimeMillis() - 60_000);
                SampleRecord.produceAll(producer, RF1, p, records);
                SENT.put(p, records);
            }
        }
        before = cluster.metadataFromEach(List.copyOf(PARTITIONS.keySet())).get(1);
        configsBefore = topicConfigs();
        assertThat(configsBefore.get(RF1)).containsEntry("retention.ms", "3600000");
        assertThat(configsBefore.get(RF2)).containsEntry("segment.bytes", "1048576");
        assertThat(configsBefore.get(RF3)).containsEntry("max.message.bytes", "500000").containsEntry("retention.bytes", "10485760");
    }

    @Test
    @Order(1)
    void afterSigtermOfEveryNodeAndARestartTopicsPlacementsConfigsAndRecordsAreIntact() throws Exception {
        cluster.stopAll();
        for (TributaryNode node : cluster.nodes()) {
            assertThat(node.exitCode().orElseThrow()).as("exit code of %s after SIGTERM", node).isIn(0, 143);
        }
        cluster.restartAll();
        assertIntact("after SIGTERM of every node and a restart");
    }

    @Test
    @Order(2)
    void afterSigkillOfEveryNodeAndARestartTopicsPlacementsConfigsAndRecordsAreIntact() throws Exception {
        cluster.killAll();
        for (TributaryNode node : cluster.nodes()) {
            assertThat(node.exitCode()).as("exit code of %s after SIGKILL", node).hasValue(137);
        }
        cluster.restartAll();
        assertIntact("after SIGKILL of every node and a restart");
    }

    private static void assertIntact(String when) throws Exception {
        cluster.awaitBrokers(List.of(1, 2, 3));
        cluster.awaitTopics(PARTITIONS);
        // Restarted replicas rejoin ISRs while this runs, and each broker applies that metadata a
        // moment apart: every broker must come to show the same picture, not at one instant.
        java.util.concurrent.atomic.AtomicReference<MetadataView> agreed = new java.util.concurrent.atomic.AtomicReference<>();
        await("every broker's Metadata the same " + when).atMost(READ_TIMEOUT).untilAsserted(() -> {
            Map<Integer, MetadataView> views = cluster.metadataFromEach(List.copyOf(PARTITIONS.keySet()));
            MetadataView first = views.get(1);
            assertThat(views).as("every broker's Metadata %s", when).allSatisfy((id, view) -> assertThat(view).isEqualTo(first));
            agreed.set(first);
        });
        MetadataView after = agreed.get();
        assertThat(after.clusterId()).as("cluster id %s", when).isEqualTo(before.clusterId());
        for (String name : PARTITIONS.keySet()) {
            TopicView was = before.topic(name);
            TopicView is = after.topic(name);
            assertThat(is.topicId()).as("id of %s %s", name, when).isEqualTo(was.topicId());
            assertThat(is.partitions()).as("partitions of %s %s", name, when).hasSameSizeAs(was.partitions());
            for (PartitionView p : is.partitions()) {
                String what = name + "-" + p.index() + " " + when;
                assertThat(p.replicas()).as("replicas of %s", what).isEqualTo(was.partition(p.index()).replicas());
                assertThat(p.leader()).as("leader of %s", what).isIn(p.replicas());
                assertThat(p.isr()).as("ISR of %s", what).contains(p.leader()).isSubsetOf(p.replicas());
                assertThat(p.offlineReplicas()).as("offline replicas of %s", what).isEmpty();
                assertThat(p.leaderEpoch()).as("leader epoch of %s", what).isGreaterThanOrEqualTo(was.partition(p.index()).leaderEpoch());
            }
        }
        assertThat(topicConfigs()).as("topic configs %s", when).isEqualTo(configsBefore);
        for (Map.Entry<Integer, List<SampleRecord>> entry : SENT.entrySet()) {
            SampleRecord.assertReadBack(Clients.readToEnd(cluster.bootstrap(), new TopicPartition(RF1, entry.getKey()), 0,
                    READ_TIMEOUT), entry.getValue(), 0);
        }
    }

    /** The configs each topic has set (not defaults), through the admin client. */
    private static Map<String, Map<String, String>> topicConfigs() throws Exception {
        List<ConfigResource> resources = new ArrayList<>();
        PARTITIONS.keySet().stream().sorted().forEach(name -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, name)));
        Map<String, Map<String, String>> configs = new TreeMap<>();
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            Map<ConfigResource, Config> described = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            described.forEach((resource, config) -> {
                Map<String, String> set = new LinkedHashMap<>();
                config.entries().stream().filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                        .sorted((a, b) -> a.name().compareTo(b.name())).forEach(e -> set.put(e.name(), e.value()));
                configs.put(resource.name(), set);
            });
        }
        return configs;
    }
}

package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.KafkaCli;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionReplica;
import org.apache.kafka.common.errors.LogDirNotFoundException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kafka-log-dirs --describe} and the Admin's log dir calls on a cluster of three processes:
 * every broker reports its one log dir with the replicas it holds and their sizes; moving a replica
 * to the dir it is in succeeds, to a dir the broker does not have fails as Kafka fails it.
 */
@ExtendWith(TributaryExtension.class)
class LogDirsTest {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);
    private static TributaryCluster cluster;

    @BeforeAll
    static void startCluster(Nodes classNodes) {
        cluster = classNodes.cluster(3, Map.of()).start();
    }

    @Test
    void kafkaLogDirsDescribesEveryBrokersDirWithItsReplicasAndSizes() throws Exception {
        String topic = "log-dirs";
        Clients.createTopic(cluster.bootstrap(), topic, 2, (short) 3, Map.of());
        cluster.awaitTopics(Map.of(topic, 2));
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.bootstrap(), Map.of("acks", "all"))) {
            for (int i = 0; i < 200; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, null, new byte[100]));
            }
            producer.flush();
        }
        org.awaitility.Awaitility.await("every replica holds the records").atMost(Duration.ofSeconds(60)).until(() -> {
            try (Admin admin = Clients.admin(cluster.bootstrap())) {
                return replicaSizes(admin, List.of(1, 2, 3), new TopicPartition(topic, 1)).values().stream().allMatch(s -> s > 100 * 100);
            }
        });

        String out = KafkaCli.run(KafkaCli.LOG_DIRS, List.of("--bootstrap-server", cluster.bootstrap(), "--describe",
                "--topic-list", topic), TOOL_TIMEOUT).stdoutLines().stream().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree(out);
        Map<Integer, JsonNode> byBroker = new TreeMap<>();
        json.get("brokers").forEach(b -> byBroker.put(b.get("broker").asInt(), b));
        assertThat(byBroker).as(out).containsOnlyKeys(1, 2, 3);
        for (TributaryNode node : cluster.nodes()) {
            JsonNode dirs = byBroker.get(node.nodeId()).get("logDirs");
            assertThat(dirs).as("broker %d has one log dir", node.nodeId()).hasSize(1);
            JsonNode dir = dirs.get(0);
            assertThat(dir.get("logDir").asText()).isEqualTo(node.dataDir().toAbsolutePath().normalize().toString());
            assertThat(dir.get("error").isNull()).as(out).isTrue();
            Map<String, Long> sizes = new HashMap<>();
            dir.get("partitions").forEach(p -> {
                assertThat(p.get("offsetLag").asLong()).isZero();
                assertThat(p.get("isFuture").asBoolean()).isFalse();
                sizes.put(p.get("partition").asText(), p.get("size").asLong());
            });
            assertThat(sizes).as("broker %d, only the asked topic", node.nodeId()).containsOnlyKeys(topic + "-0", topic + "-1");
            assertThat(sizes.values()).allSatisfy(s -> assertThat(s).isGreaterThan(100L * 100));
        }
    }

    @Test
    void aMoveToTheSameDirSucceedsAndToAnUnknownDirFailsWithLogDirNotFound() throws Exception {
        String topic = "log-dirs-move";
        Clients.createTopic(cluster.bootstrap(), topic, 1, (short) 3, Map.of());
        cluster.awaitTopics(Map.of(topic, 1));
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            TributaryNode one = cluster.node(1);
            TopicPartitionReplica replica = new TopicPartitionReplica(topic, 0, 1);
            String sameDir = one.dataDir().toAbsolutePath().normalize().toString();
            admin.alterReplicaLogDirs(Map.of(replica, sameDir)).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.describeReplicaLogDirs(List.of(replica)).all().get(30, TimeUnit.SECONDS).get(replica).getCurrentReplicaLogDir())
                    .isEqualTo(sameDir);

            assertThatThrownBy(() -> admin.alterReplicaLogDirs(Map.of(replica, "/no/such/dir")).all().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(LogDirNotFoundException.class);
        }
    }

    /** The size of {@code tp}'s replica on each of {@code brokers} that hosts one, as DescribeLogDirs reports it. */
    static Map<Integer, Long> replicaSizes(Admin admin, List<Integer> brokers, TopicPartition tp) throws Exception {
        Map<Integer, Map<String, LogDirDescription>> all = admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS);
        Map<Integer, Long> sizes = new TreeMap<>();
        all.forEach((broker, dirs) -> dirs.values().forEach(d -> {
            ReplicaInfo info = d.replicaInfos().get(tp);
            if (info != null) {
                sizes.put(broker, info.size());
            }
        }));
        return sizes;
    }
}

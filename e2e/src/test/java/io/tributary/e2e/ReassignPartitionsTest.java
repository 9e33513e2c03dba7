package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.KafkaCli;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving a partition's replicas as an operator does, on three broker processes: {@code kafka-reassign-partitions
 * --execute --throttle} moves partition 0 from brokers {1, 2} to {2, 3} while an {@code acks=all} producer and a
 * consumer run, and {@code --verify} reports it complete and removes the throttles. Nothing acknowledged is lost,
 * the consumer sees no gap, and the partition has a leader whenever it is described.
 */
@ExtendWith(TributaryExtension.class)
class ReassignPartitionsTest {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);
    private static final String REASSIGN = "org.apache.kafka.tools.reassign.ReassignPartitionsCommand";
    private static final String TOPIC = "moving";

    @TempDir
    Path dir;

    @Test
    void kafkaReassignPartitionsMovesAReplicaUnderLoadWithNoLossAndNoOfflineMoment(Nodes nodes) throws Exception {
        TributaryCluster cluster = nodes.cluster(3, Map.of()).start();
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Map.of(0, List.of(1, 2))))).all().get(30, TimeUnit.SECONDS);
            cluster.awaitTopics(Map.of(TOPIC, 1));

            ConcurrentLinkedQueue<String> offline = new ConcurrentLinkedQueue<>();
            AtomicBoolean watching = new AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                while (watching.get()) {
                    try {
                        TopicPartitionInfo p = describe(admin).partitions().get(0);
                        if (p.leader() == null || p.leader().isEmpty()) {
                            offline.add(p.toString());
                        }
                    } catch (Exception e) {
                        offline.add("describe failed: " + e);
                    }
                }
            }, "offline-watcher");

            ThroughoutReader reader = new ThroughoutReader(cluster.bootstrap(), List.of(tp));
            JavaWriter writer = new JavaWriter(cluster.bootstrap(), TOPIC, 1, "all");
            reader.start();
            writer.start();
            watcher.start();
            try {
                await("the writer is warm").atMost(Duration.ofSeconds(60)).until(() -> writer.ackCount(0) >= 200);
                Path plan = dir.resolve("plan.json");
                Files.writeString(plan, "{\"version\":1,\"partitions\":[{\"topic\":\"" + TOPIC + "\",\"partition\":0,\"replicas\":[2,3]}]}");
                List<String> common = List.of("--bootstrap-server", cluster.bootstrap(), "--reassignment-json-file", plan.toString());
                CommandRunner.Result execute = KafkaCli.run(REASSIGN, concat(common, "--execute", "--throttle", "50000000"), TOOL_TIMEOUT);
                assertThat(execute.stdout()).contains("Successfully started partition reassignment");
                assertThat(brokerConfig(admin, 1, "leader.replication.throttled.rate")).as("--throttle set the rate").isEqualTo("50000000");

                // Watched through the Admin client (cheap), then --verify once (a JVM launch) to report and clear the throttles.
                await("the move completes").atMost(Duration.ofSeconds(90)).until(() ->
                        admin.listPartitionReassignments().reassignments().get(10, TimeUnit.SECONDS).isEmpty()
                                && describe(admin).partitions().get(0).replicas().stream().map(Node::id).toList().equals(List.of(2, 3)));
                CommandRunner.Result verify = KafkaCli.run(REASSIGN, concat(common, "--verify"), TOOL_TIMEOUT);
                assertThat(verify.stdout()).contains("Reassignment of partition " + TOPIC + "-0 is completed");
                long atMove = writer.ackCount(0);
                await("the writer carries on after the move").atMost(Duration.ofSeconds(60)).until(() -> writer.ackCount(0) >= atMove + 100);
            } finally {
                writer.finish();
                watching.set(false);
                watcher.join();
                reader.finish();
            }

            TopicPartitionInfo after = describe(admin).partitions().get(0);
            assertThat(after.replicas()).extracting(Node::id).containsExactly(2, 3);
            assertThat(after.isr()).extracting(Node::id).containsExactlyInAnyOrder(2, 3);
            assertThat(brokerConfig(admin, 1, "leader.replication.throttled.rate")).as("--verify removed the throttle").isNotEqualTo("50000000");
            assertThat(writer.errors()).as("acks=all sends that failed").isEmpty();
            assertThat(offline).as("descriptions without a leader").isEmpty();
            assertThat(reader.anomalies()).as("the consumer's gaps").isEmpty();

            List<String> acked = writer.acks(0).stream().map(ContinuousWriter.Ack::value).toList();
            List<String> read = Clients.readToEnd(cluster.bootstrap(), tp, 0, Duration.ofSeconds(60)).stream()
                    .map(ConsumerRecord::value).map(String::new).toList();
            assertThat(read).as("every acknowledged record is in the moved partition").containsAll(acked);
        }
    }

    private static TopicDescription describe(Admin admin) throws Exception {
        return admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS).get(TOPIC);
    }

    private static String brokerConfig(Admin admin, int broker, String key) throws Exception {
        ConfigResource r = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(broker));
        var entry = admin.describeConfigs(List.of(r)).all().get(10, TimeUnit.SECONDS).get(r).get(key);
        return entry == null ? null : entry.value();
    }

    private static List<String> concat(List<String> a, String... b) {
        return java.util.stream.Stream.concat(a.stream(), java.util.Arrays.stream(b)).toList();
    }
}

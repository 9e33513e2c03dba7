package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operators see the eligible leader replicas (KIP-966) the way they would on Kafka: through the
 * official Admin client's {@code describeTopics} and Kafka's own {@code kafka-topics --describe}, both
 * of which use DescribeTopicPartitions when the broker advertises it (with Metadata they would print
 * {@code Elr: N/A}). One voter and three broker-only nodes, so that the replicas can all stop while the
 * controller stays up; {@code min.insync.replicas=2}, replicas 2, 3, 4; the followers stop cleanly one
 * after the other, then the leader.
 */
@ExtendWith(TributaryExtension.class)
class DescribeTopicPartitionsTest {
    private static final String TOPIC = "elr-shown";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void adminAndKafkaTopicsShowTheEligibleLeaderReplicasOfAPartitionBelowMinIsr(Nodes nodes) throws Exception {
        TributaryCluster cluster = nodes.cluster(1, ReplicatedLayout.CLUSTER_PROPERTIES).start();
        for (int id = 2; id <= 4; id++) {
            cluster.addBrokerOnly(id);
        }
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Map.of(0, List.of(2, 3, 4))))).all()
                    .get(Clients.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        cluster.awaitTopics(Map.of(TOPIC, 1));
        awaitPartition(cluster, "every replica in the ISR", "leader 2 isr [2, 3, 4] elr [] lastKnownElr []");

        cluster.node(3).stop();
        awaitPartition(cluster, "3 out of the ISR, which is still at min ISR", "leader 2 isr [2, 4] elr [] lastKnownElr []");

        cluster.node(4).stop();
        awaitPartition(cluster, "4 out of the ISR, below min ISR: into the ELR", "leader 2 isr [2] elr [4] lastKnownElr []");
        String described = topicsDescribe(cluster);
        assertThat(described).as("kafka-topics --describe printed:%n%s", described)
                .containsPattern("Partition: 0\\s+Leader: 2\\s+Replicas: 2,3,4\\s+Isr: 2\\s+Elr: 4\\s+LastKnownElr: *(\\s|$)");

        cluster.node(2).stop();
        awaitPartition(cluster, "the last ISR member gone: into the ELR, and remembered as the last leader",
                "leader -1 isr [] elr [2, 4] lastKnownElr [2]");
        described = topicsDescribe(cluster);
        assertThat(described).as("kafka-topics --describe printed:%n%s", described)
                .containsPattern("Partition: 0\\s+Leader: none\\s+Replicas: 2,3,4\\s+Isr: *\\s+Elr: 2,4\\s+LastKnownElr: 2(\\s|$)");
    }

    /** Waits until the Admin client's {@code describeTopics} (through the running brokers) shows the partition as {@code expected}. */
    private static void awaitPartition(TributaryCluster cluster, String what, String expected) {
        AtomicReference<String> last = new AtomicReference<>("none (describeTopics never answered)");
        try {
            await(what).atMost(ReplicatedLayout.ISR_TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                TopicPartitionInfo seen = ReplicatedLayout.describe(cluster.runningBootstrap(), List.of(TOPIC)).get(PARTITION);
                last.set(seen == null ? "no partition 0" : text(seen));
                return last.get().equals(expected);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": expected " + expected + " within " + ReplicatedLayout.ISR_TIMEOUT.toSeconds()
                    + " s; the last answer was " + last.get(), e);
        }
    }

    /** {@code leader 2 isr [2] elr [4] lastKnownElr []}, with the ISR and ELR sorted: their order is the controller's business. */
    private static String text(TopicPartitionInfo p) {
        return "leader " + ReplicatedLayout.leaderOf(p) + " isr " + sorted(ReplicatedLayout.ids(p.isr())) + " elr "
                + sorted(ReplicatedLayout.ids(p.elr())) + " lastKnownElr " + sorted(ReplicatedLayout.ids(p.lastKnownElr()));
    }

    private static List<Integer> sorted(List<Integer> ids) {
        return ids.stream().sorted().toList();
    }

    /** Kafka's own {@code kafka-topics --describe}, run as a process on the test's class path. */
    private static String topicsDescribe(TributaryCluster cluster) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return CommandRunner.run(List.of(java.toString(), "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.TopicCommand",
                        "--bootstrap-server", cluster.runningBootstrap(), "--describe", "--topic", TOPIC),
                Path.of(System.getProperty("java.io.tmpdir")), new byte[0], TOOL_TIMEOUT).requireSuccess().stdout();
    }
}

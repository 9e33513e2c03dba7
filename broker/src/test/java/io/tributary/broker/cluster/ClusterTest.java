package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three combined nodes in this JVM: they form one cluster, and every broker describes it the same way. */
class ClusterTest {

    @TempDir
    Path dir;

    @Test
    void threeNodesFormOneClusterAndEveryBrokerDescribesATopicTheSameWay() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3).start()) {
            Admin admin = c.admin(1);
            assertThat(admin.describeCluster().nodes().get()).hasSize(3);
            admin.createTopics(List.of(new NewTopic("orders", 6, (short) 3))).all().get();
            TopicDescription expected = admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders");
            for (int id = 1; id <= 3; id++) {
                TopicDescription seen = c.admin(id).describeTopics(List.of("orders")).allTopicNames().get().get("orders");
                assertThat(seen).as("node %d", id).isEqualTo(expected);
            }
            assertThat(expected.partitions()).hasSize(6).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        }
    }
}

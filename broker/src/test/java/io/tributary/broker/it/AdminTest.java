package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.BrokerIdNotRegisteredException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topics, partitions, configs and the cluster, through the official Admin client. */
class AdminTest {

    @TempDir
    Path dir;
    TestBroker b;
    Admin admin;

    @BeforeEach
    void start() throws Exception {
        b = new TestBroker(dir, Map.of("log.retention.hours", "48"));
        admin = b.admin();
    }

    @AfterEach
    void stop() {
        admin.close();
        b.close();
    }

    @Test
    void describeClusterNamesThisNode() throws Exception {
        DescribeClusterResult c = admin.describeCluster();
        assertThat(c.clusterId().get()).isNotBlank();
        assertThat(c.nodes().get()).singleElement().satisfies(n -> {
            assertThat(n.id()).isEqualTo(1);
            assertThat(n.port()).isEqualTo(b.broker.boundListeners().get(0).address().getPort());
        });
        assertThat(c.controller().get().id()).isEqualTo(1);
    }

    @Test
    void electLeadersIsAnsweredByTheInProcessController() throws Exception {
        admin.createTopics(List.of(new NewTopic("elect", 1, (short) 1))).all().get();
        org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition("elect", 0);
        var result = admin.electLeaders(org.apache.kafka.common.ElectionType.PREFERRED, Set.of(tp)).partitions().get();
        assertThat(result.get(tp)).as("the only replica already leads").get()
                .isInstanceOf(org.apache.kafka.common.errors.ElectionNotNeededException.class);
        org.apache.kafka.common.TopicPartition missing = new org.apache.kafka.common.TopicPartition("nope", 0);
        assertThat(admin.electLeaders(org.apache.kafka.common.ElectionType.PREFERRED, Set.of(missing)).partitions().get().get(missing))
                .get().isInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void unregisteringAnUnknownBrokerIsRefusedWithKafkasError() {
        assertThatThrownBy(() -> admin.unregisterBroker(99).all().get())
                .hasCauseInstanceOf(BrokerIdNotRegisteredException.class)
                .hasMessageContaining("Broker ID 99 is not currently registered");
    }

    @Test
    void topicLifecycle() throws Exception {
        admin.createTopics(List.of(new NewTopic("life", 1, (short) 1).configs(Map.of("retention.ms", "3600000")))).all().get();
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("life", 1, (short) 1))).all().get())
                .hasCauseInstanceOf(TopicExistsException.class);
        admin.createPartitions(Map.of("life", NewPartitions.increaseTo(3))).all().get();
        assertThat(admin.describeTopics(Set.of("life")).allTopicNames().get().get("life").partitions()).hasSize(3);
        assertThat(Files.isDirectory(dir.resolve("logs/life-2"))).isTrue();

        admin.deleteTopics(List.of("life")).all().get();
        assertThat(admin.listTopics().names().get()).doesNotContain("life");
        assertThat(Files.exists(dir.resolve("logs/life-0"))).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Stream<Path> s = Files.list(dir.resolve("logs"))) {
                return s.noneMatch(p -> p.getFileName().toString().startsWith("life-"));
            }
        });
        assertThatThrownBy(() -> admin.describeTopics(Set.of("life")).allTopicNames().get())
                .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }

    @Test
    void topicConfigsDescribeWithSourcesAndAlterIncrementally() throws Exception {
        admin.createTopics(List.of(new NewTopic("cfg", 1, (short) 1).configs(Map.of("retention.bytes", "123456789")))).all().get();
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "cfg");
        Config c = admin.describeConfigs(Set.of(topic)).all().get().get(topic);
        assertThat(c.get("retention.bytes").value()).isEqualTo("123456789");
        assertThat(c.get("retention.bytes").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        // Not overridden: the broker's log.retention.hours=48 shows through, converted to ms.
        assertThat(c.get("retention.ms").value()).isEqualTo(Long.toString(48 * 3_600_000L));
        assertThat(c.get("retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(c.get("segment.bytes").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);

        admin.incrementalAlterConfigs(Map.of(topic, List.of(
                new AlterConfigOp(new ConfigEntry("segment.bytes", "2097152"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry("retention.bytes", null), AlterConfigOp.OpType.DELETE)))).all().get();
        Config after = admin.describeConfigs(Set.of(topic)).all().get().get(topic);
        assertThat(after.get("segment.bytes").value()).isEqualTo("2097152");
        assertThat(after.get("retention.bytes").source()).isNotEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        // The live log took the new value.
        await().atMost(Duration.ofSeconds(5)).until(() ->
                b.broker.replicaManager().partition(new io.tributary.common.TopicPartition("cfg", 0)).log().config().segmentBytes() == 2097152);

        assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(topic, List.of(
                new AlterConfigOp(new ConfigEntry("segment.bytes", "tiny"), AlterConfigOp.OpType.SET)))).all().get())
                .hasCauseInstanceOf(InvalidConfigurationException.class).hasMessageContaining("segment.bytes");
    }

    @Test
    void brokerConfigsDescribeWithSources() throws Exception {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
        Config c = admin.describeConfigs(Set.of(broker)).all().get().get(broker);
        assertThat(c.get("log.retention.hours").value()).isEqualTo("48");
        assertThat(c.get("log.retention.hours").source()).isEqualTo(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(c.get("num.partitions").value()).isEqualTo("1");
        assertThat(c.get("num.partitions").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        assertThat(c.get("message.max.bytes").value()).isEqualTo("1048588");
        Collection<ConfigEntry> all = c.entries();
        assertThat(all).extracting(ConfigEntry::name).contains("node.id", "listeners", "log.dirs", "socket.request.max.bytes");
    }

    @Test
    void legacyAlterConfigsReplacesTheWholeSet() throws Exception {
        admin.createTopics(List.of(new NewTopic("legacy", 1, (short) 1).configs(Map.of("retention.bytes", "5000000")))).all().get();
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "legacy");
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            var req = new org.apache.kafka.common.requests.AlterConfigsRequest.Builder(Map.of(topic,
                    new org.apache.kafka.common.requests.AlterConfigsRequest.Config(List.of(
                            new org.apache.kafka.common.requests.AlterConfigsRequest.ConfigEntry("retention.ms", "7200000")))), false)
                    .build((short) 2);
            org.apache.kafka.common.requests.AlterConfigsResponse r = c.call(req);
            assertThat(r.errors().get(topic).error()).isEqualTo(org.apache.kafka.common.protocol.Errors.NONE);
        }
        Config after = admin.describeConfigs(Set.of(topic)).all().get().get(topic);
        assertThat(after.get("retention.ms").value()).isEqualTo("7200000");
        assertThat(after.get("retention.bytes").source()).isNotEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
    }
}

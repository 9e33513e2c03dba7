package io.tributary.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    private static Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("node.id", "1");
        return m;
    }

    private static BrokerConfig parse(Map<String, String> m) {
        return BrokerConfig.parse(m);
    }

    @Test
    void defaultsAreKafkas() {
        BrokerConfig c = parse(base());
        assertThat(c.nodeId()).isEqualTo(1);
        assertThat(c.numPartitions()).isEqualTo(1);
        assertThat(c.defaultReplicationFactor()).isEqualTo((short) 1);
        assertThat(c.autoCreateTopicsEnable()).isTrue();
        assertThat(c.messageMaxBytes()).isEqualTo(1048588);
        assertThat(c.socketRequestMaxBytes()).isEqualTo(104857600);
        assertThat(c.segmentBytes()).isEqualTo(1073741824);
        assertThat(c.retentionMs()).isEqualTo(168 * 3_600_000L);
        assertThat(c.rollMs()).isEqualTo(168 * 3_600_000L);
        assertThat(c.retentionBytes()).isEqualTo(-1L);
        assertThat(c.retentionCheckIntervalMs()).isEqualTo(300_000L);
        assertThat(c.queuedMaxRequests()).isEqualTo(500);
        assertThat(c.listeners()).containsExactly(new Listener("PLAINTEXT", "", 9092));
        assertThat(c.logDirs()).containsExactly(Path.of("/tmp/kafka-logs"));
        assertThat(c.metadataLogDir()).isEqualTo(Path.of("/tmp/kafka-logs"));
    }

    @Test
    void groupSettingsDefaultToKafkasAndAreChecked() {
        GroupSettings g = parse(base()).groups();
        assertThat(g.shard()).isEqualTo(new io.tributary.coordinator.GroupCoordinatorConfig(6000, 1_800_000, Integer.MAX_VALUE, 3000,
                10080L * 60_000, 600_000, 4096, 300_000));
        assertThat(g.offsetsCommitTimeoutMs()).isEqualTo(5000);
        assertThat(g.loadBufferBytes()).isEqualTo(5_242_880);

        Map<String, String> m = base();
        m.put("group.initial.rebalance.delay.ms", "0");
        m.put("offsets.retention.minutes", "1");
        assertThat(parse(m).groups().shard().groupInitialRebalanceDelayMs()).isZero();
        assertThat(parse(m).groups().shard().offsetsRetentionMs()).isEqualTo(60_000L);
        m.put("group.min.session.timeout.ms", "10000");
        m.put("group.max.session.timeout.ms", "9000");
        assertThatThrownBy(() -> parse(m)).isInstanceOf(ConfigException.class).hasMessageContaining("group.max.session.timeout.ms");
        m.put("group.max.session.timeout.ms", "10000");
        m.put("group.max.size", "0");
        assertThatThrownBy(() -> parse(m)).isInstanceOf(ConfigException.class).hasMessageContaining("group.max.size");
    }

    @Test
    void retentionFollowsKafkaPrecedence() {
        Map<String, String> m = base();
        m.put("log.retention.hours", "2");
        assertThat(parse(m).retentionMs()).isEqualTo(7_200_000L);
        m.put("log.retention.minutes", "3");
        assertThat(parse(m).retentionMs()).isEqualTo(180_000L);
        m.put("log.retention.ms", "1234");
        assertThat(parse(m).retentionMs()).isEqualTo(1234L);
        m.put("log.retention.ms", "-1");
        assertThat(parse(m).retentionMs()).isEqualTo(-1L);
        assertThat(parse(m).valueText("log.retention.ms")).isEqualTo("-1");
        assertThat(parse(base()).valueText("log.retention.ms")).isNull();
    }

    @Test
    void rollMsOverridesHours() {
        Map<String, String> m = base();
        m.put("log.roll.hours", "1");
        assertThat(parse(m).rollMs()).isEqualTo(3_600_000L);
        m.put("log.roll.ms", "500");
        assertThat(parse(m).rollMs()).isEqualTo(500L);
    }

    @Test
    void logDirsOverridesLogDir() {
        Map<String, String> m = base();
        m.put("log.dir", "/a");
        assertThat(parse(m).logDirs()).containsExactly(Path.of("/a"));
        m.put("log.dirs", "/b, /c");
        assertThat(parse(m).logDirs()).containsExactly(Path.of("/b"), Path.of("/c"));
        m.put("metadata.log.dir", "/m");
        assertThat(parse(m).metadataLogDir()).isEqualTo(Path.of("/m"));
    }

    @Test
    void badValueNamesTheKey() {
        Map<String, String> m = base();
        m.put("num.partitions", "zero");
        assertThatThrownBy(() -> parse(m)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("num.partitions").hasMessageContaining("zero");
        m.put("num.partitions", "0");
        assertThatThrownBy(() -> parse(m)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("num.partitions"));
    }

    @Test
    void missingNodeIdIsAnError() {
        assertThatThrownBy(() -> parse(new HashMap<>())).isInstanceOf(ConfigException.class).hasMessageContaining("node.id");
    }

    @Test
    void brokerIdStandsInForNodeIdAndMustAgreeWithIt() {
        Map<String, String> m = new HashMap<>();
        m.put("broker.id", "7");
        assertThat(parse(m).nodeId()).isEqualTo(7);
        m.put("node.id", "8");
        assertThatThrownBy(() -> parse(m)).isInstanceOf(ConfigException.class).hasMessageContaining("broker.id");
    }

    @Test
    void unknownKeysAreReportedOneByOne() {
        Map<String, String> m = base();
        m.put("share.coordinator.state.topic.replication.factor", "1");
        m.put("bogus.key", "x");
        List<String> unknown = new ArrayList<>();
        BrokerConfig.parse(m, unknown::add);
        assertThat(unknown).containsExactly("bogus.key", "share.coordinator.state.topic.replication.factor");
    }

    @Test
    void listenersParse() {
        assertThat(Listener.parse("listeners", "PLAINTEXT://localhost:9092")).isEqualTo(new Listener("PLAINTEXT", "localhost", 9092));
        assertThat(Listener.parse("listeners", "plaintext://:0")).isEqualTo(new Listener("PLAINTEXT", "", 0));
        assertThat(Listener.parse("listeners", "EXTERNAL://[::1]:19092")).isEqualTo(new Listener("EXTERNAL", "::1", 19092));
        assertThat(new Listener("EXTERNAL", "::1", 19092).hostPort()).isEqualTo("[::1]:19092");
        for (String bad : List.of("localhost:9092", "PLAINTEXT://host", "PLAINTEXT://host:x", "PLAINTEXT://host:70000",
                "PLAIN-TEXT://h:1", "PLAINTEXT://::1:9092")) {
            assertThatThrownBy(() -> Listener.parse("listeners", bad)).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("listeners");
        }
    }

    @Test
    void listenerRules() {
        Map<String, String> m = base();
        m.put("listeners", "PLAINTEXT://:9092,PLAINTEXT://:9093");
        assertThatThrownBy(() -> parse(m)).hasMessageContaining("listeners").hasMessageContaining("twice");
        m.put("listeners", "SSL://:9093");
        assertThatThrownBy(() -> parse(m)).hasMessageContaining("listeners").hasMessageContaining("SSL");
        m.put("listeners", "SECURE://:9093");
        m.put("listener.security.protocol.map", "SECURE:SSL");
        assertThatThrownBy(() -> parse(m)).as("the protocol came from the map, so the map is the key to fix")
                .hasMessageContaining("listener.security.protocol.map").hasMessageContaining("SECURE")
                .hasMessageContaining("SSL");
        m.remove("listener.security.protocol.map");
        m.put("listeners", "EXTERNAL://:9093");
        assertThatThrownBy(() -> parse(m)).hasMessageContaining("listener.security.protocol.map");
        m.put("listener.security.protocol.map", "EXTERNAL:PLAINTEXT");
        assertThat(parse(m).listeners()).containsExactly(new Listener("EXTERNAL", "", 9093));
        m.put("advertised.listeners", "OTHER://h:1");
        assertThatThrownBy(() -> parse(m)).hasMessageContaining("advertised.listeners");
    }

    @Test
    void kafkaCombinedModeFileIsAccepted() {
        Map<String, String> m = base();
        m.put("process.roles", "broker,controller");
        m.put("controller.quorum.voters", "1@localhost:9093");
        m.put("listeners", "PLAINTEXT://:9092,CONTROLLER://:9093");
        m.put("advertised.listeners", "PLAINTEXT://localhost:9092");
        m.put("controller.listener.names", "CONTROLLER");
        m.put("inter.broker.listener.name", "PLAINTEXT");
        BrokerConfig c = parse(m);
        assertThat(c.clientListeners()).containsExactly(new Listener("PLAINTEXT", "", 9092));
        assertThat(c.advertisedListeners()).containsExactly(new Listener("PLAINTEXT", "localhost", 9092));
        m.put("controller.quorum.voters", "1@localhost");
        assertThatThrownBy(() -> parse(m)).hasMessageContaining("controller.quorum.voters");
        m.put("controller.quorum.voters", "1@localhost:9093");
        m.put("process.roles", "broker,observer");
        assertThatThrownBy(() -> parse(m)).hasMessageContaining("process.roles");
    }

    @Test
    void everyKeyHasADoc() {
        BrokerConfigSchema.SCHEMA.keys().values().forEach(k -> assertThat(k.doc()).as(k.name()).isNotBlank());
    }
}

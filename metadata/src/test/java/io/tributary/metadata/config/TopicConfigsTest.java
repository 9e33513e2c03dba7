package io.tributary.metadata.config;

import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

class TopicConfigsTest {

    @Test
    void defaultsAreKafkas() {
        ConfigSchema.Parsed defaults = TopicConfigs.schema().parse(Map.of());
        assertThat(defaults.get("segment.bytes")).isEqualTo(1_073_741_824);
        assertThat(defaults.get("segment.ms")).isEqualTo(604_800_000L);
        assertThat(defaults.get("retention.ms")).isEqualTo(604_800_000L);
        assertThat(defaults.get("retention.bytes")).isEqualTo(-1L);
        assertThat(defaults.get("max.message.bytes")).isEqualTo(1_048_588);
        assertThat(defaults.get("min.insync.replicas")).isEqualTo(1);
        assertThat(defaults.get("unclean.leader.election.enable")).isEqualTo(false);
        assertThat(defaults.get("cleanup.policy")).isEqualTo(List.of("delete"));
        assertThat(defaults.get("message.timestamp.type")).isEqualTo("CreateTime");
        assertThat(defaults.get("index.interval.bytes")).isEqualTo(4096);
        assertThat(defaults.get("segment.index.bytes")).isEqualTo(10_485_760);
        assertThat(defaults.get("file.delete.delay.ms")).isEqualTo(60_000L);
        assertThat(defaults.get("flush.messages")).isEqualTo(Long.MAX_VALUE);
        assertThat(defaults.get("flush.ms")).isEqualTo(Long.MAX_VALUE);
        assertThat(defaults.get("compression.type")).isEqualTo("producer");
        assertThat(defaults.get("message.timestamp.after.max.ms")).isEqualTo(3_600_000L);
    }

    @Test
    void eachKeyFallsBackToItsBrokerKey() {
        assertThat(TopicConfigs.brokerSynonyms("segment.bytes")).extracting(BrokerSynonym::name).containsExactly("log.segment.bytes");
        assertThat(TopicConfigs.brokerSynonyms("segment.ms")).extracting(BrokerSynonym::name).containsExactly("log.roll.ms", "log.roll.hours");
        assertThat(TopicConfigs.brokerSynonyms("retention.ms")).extracting(BrokerSynonym::name)
                .containsExactly("log.retention.ms", "log.retention.minutes", "log.retention.hours");
        assertThat(TopicConfigs.brokerSynonyms("max.message.bytes")).extracting(BrokerSynonym::name).containsExactly("message.max.bytes");
        assertThat(TopicConfigs.brokerSynonyms("cleanup.policy")).extracting(BrokerSynonym::name).containsExactly("log.cleanup.policy");
        assertThat(TopicConfigs.brokerSynonyms("message.timestamp.type")).extracting(BrokerSynonym::name)
                .containsExactly("log.message.timestamp.type");
        assertThat(TopicConfigs.brokerSynonyms("min.insync.replicas")).extracting(BrokerSynonym::name).containsExactly("min.insync.replicas");
        assertThat(TopicConfigs.brokerSynonyms("unclean.leader.election.enable")).extracting(BrokerSynonym::name)
                .containsExactly("unclean.leader.election.enable");
        assertThat(TopicConfigs.brokerSynonyms("remote.storage.enable")).isEmpty();
    }

    @Test
    void cleanupPolicyTakesCompactDeleteOrBothAsKafkaDoes() {
        assertThatNoException().isThrownBy(() -> TopicConfigs.validate("cleanup.policy", "compact"));
        assertThatNoException().isThrownBy(() -> TopicConfigs.validate("cleanup.policy", "compact,delete"));
        assertThatNoException().isThrownBy(() -> TopicConfigs.validate("cleanup.policy", "delete"));
        assertThatThrownBy(() -> TopicConfigs.validate("cleanup.policy", "compact,shred"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value [compact, shred] for configuration cleanup.policy: String must be one of: compact, delete");
        assertThatThrownBy(() -> TopicConfigs.validate("cleanup.policy", "")).hasMessageContaining("must name a policy");
    }

    @Test
    void compactionKeysHaveKafkasDefaultsAndBrokerSynonyms() {
        var defaults = TopicConfigs.schema().parse(java.util.Map.of());
        assertThat(defaults.get("delete.retention.ms")).isEqualTo(86_400_000L);
        assertThat(defaults.get("min.cleanable.dirty.ratio")).isEqualTo(0.5);
        assertThat(defaults.get("min.compaction.lag.ms")).isEqualTo(0L);
        assertThat(defaults.get("max.compaction.lag.ms")).isEqualTo(Long.MAX_VALUE);
        assertThat(TopicConfigs.brokerSynonyms("min.cleanable.dirty.ratio")).extracting(BrokerSynonym::name)
                .containsExactly("log.cleaner.min.cleanable.ratio");
        assertThatThrownBy(() -> TopicConfigs.validate("min.cleanable.dirty.ratio", "1.5"))
                .hasMessageContaining("min.cleanable.dirty.ratio").hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> TopicConfigs.validate("max.compaction.lag.ms", "0")).hasMessageContaining("max.compaction.lag.ms");
        assertThatThrownBy(() -> TopicConfigs.validate("delete.retention.ms", "-1")).hasMessageContaining("delete.retention.ms");
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> TopicConfigs.validate("segment.bytes", "1000")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("segment.bytes").hasMessageContaining("at least 1048576");
        assertThatThrownBy(() -> TopicConfigs.validate("retention.ms", "-2")).hasMessageContaining("retention.ms");
        assertThatThrownBy(() -> TopicConfigs.validate("min.insync.replicas", "0")).hasMessageContaining("min.insync.replicas");
        assertThatThrownBy(() -> TopicConfigs.validate("compression.type", "brotli")).hasMessageContaining("compression.type");
        assertThatThrownBy(() -> TopicConfigs.validate("message.timestamp.type", "Now")).hasMessageContaining("message.timestamp.type");
        assertThatThrownBy(() -> TopicConfigs.validate("min.cleanable.dirty.ratio", "1.5")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> TopicConfigs.validate("compression.gzip.level", "12")).hasMessageContaining("between 1 and 9");
        assertThatThrownBy(() -> TopicConfigs.validate("leader.replication.throttled.replicas", "0:1,x"))
                .hasMessageContaining("bad entries [x]");
        assertThatThrownBy(() -> TopicConfigs.validate("remote.storage.enable", "true"))
                .hasMessageContaining("tiered storage is not supported");
        assertThatThrownBy(() -> TopicConfigs.validate("segment.ms", "soon")).hasMessageContaining("64-bit integer");
        assertThatNoException().isThrownBy(() -> TopicConfigs.validate(Map.of("retention.ms", "-1", "segment.bytes", "1048576",
                "leader.replication.throttled.replicas", "*", "compression.type", "zstd")));
    }

    @Test
    void overlongValuesAreRefused() {
        String huge = "0:1," .repeat(20_000);
        assertThatThrownBy(() -> TopicConfigs.validate("leader.replication.throttled.replicas", huge))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at most 65536 characters");
    }

    @Test
    void unknownTopicKeysAreRefusedInKafkasWords() {
        assertThatThrownBy(() -> TopicConfigs.validate("retention.hours", "1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Unknown topic config name: retention.hours");
    }

    @Test
    void brokerValuesAreValidatedInTopicUnits() {
        assertThat(TopicConfigs.dynamicBrokerKeys()).contains("log.retention.ms", "log.segment.bytes", "log.roll.ms",
                "message.max.bytes", "unclean.leader.election.enable").doesNotContain("log.retention.hours");
        assertThatNoException().isThrownBy(() -> TopicConfigs.validateBrokerValue("log.retention.ms", "-1"));
        assertThatThrownBy(() -> TopicConfigs.validateBrokerValue("log.segment.bytes", "10"))
                .hasMessageContaining("log.segment.bytes").hasMessageContaining("at least 1048576");
        assertThatThrownBy(() -> TopicConfigs.validateBrokerValue("log.retention.hours", "1"))
                .hasMessageContaining("Cannot update these configs dynamically: [log.retention.hours]");
        assertThatNoException().isThrownBy(() -> TopicConfigs.validateBrokerValue("log.cleanup.policy", "compact"));
        assertThatThrownBy(() -> TopicConfigs.validateBrokerValue("log.cleanup.policy", "shred"))
                .hasMessageContaining("log.cleanup.policy").hasMessageContaining("String must be one of: compact, delete");
    }

    @Test
    void brokerUnitsConvert() {
        BrokerSynonym hours = TopicConfigs.brokerSynonyms("retention.ms").get(2);
        assertThat(hours.toTopicValue(hours.parse("2"))).isEqualTo("7200000");
        assertThat(hours.toTopicValue(hours.parse("-1"))).as("negative means unlimited").isEqualTo("-1");
    }
}

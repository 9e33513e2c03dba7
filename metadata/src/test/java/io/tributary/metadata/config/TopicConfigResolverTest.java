package io.tributary.metadata.config;

import io.tributary.common.TopicId;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.ConfigResourceType;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.TopicRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class TopicConfigResolverTest {

    private static MetadataImage image(MetadataRecord... records) {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        delta.replay(new TopicRecord("foo", new TopicId(1, 2)));
        delta.replayAll(List.of(records));
        return delta.apply(0);
    }

    @Test
    void withNothingSetEveryKeyIsItsDefault() {
        TopicConfigResolver resolver = new TopicConfigResolver(Map.of());
        List<ResolvedConfig> all = resolver.resolveAll(image(), "foo", OptionalInt.empty());
        assertThat(all).hasSize(TopicConfigs.schema().keys().size());
        assertThat(all).allSatisfy(c -> assertThat(c.source()).isEqualTo(ConfigSource.DEFAULT_CONFIG));
        ResolvedConfig retention = resolver.resolve(image(), "foo", "retention.ms", OptionalInt.empty());
        assertThat(retention.value()).isEqualTo("604800000");
        assertThat(retention.synonyms()).containsExactly(new ConfigSynonym("log.retention.hours", "168", ConfigSource.DEFAULT_CONFIG));
    }

    @Test
    void aStaticBrokerValueIsConvertedIntoTopicUnits() {
        TopicConfigResolver resolver = new TopicConfigResolver(Map.of("log.retention.hours", "24", "log.segment.bytes", "2097152"));
        ResolvedConfig retention = resolver.resolve(image(), "foo", "retention.ms", OptionalInt.empty());
        assertThat(retention.value()).isEqualTo("86400000");
        assertThat(retention.source()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(retention.synonyms()).containsExactly(
                new ConfigSynonym("log.retention.hours", "24", ConfigSource.STATIC_BROKER_CONFIG),
                new ConfigSynonym("log.retention.hours", "168", ConfigSource.DEFAULT_CONFIG));
        assertThat(resolver.effectiveValues(image(), "foo", OptionalInt.empty())).containsEntry("segment.bytes", "2097152");
    }

    @Test
    void theMostSpecificLevelWins() {
        TopicConfigResolver resolver = new TopicConfigResolver(Map.of("log.retention.ms", "100"));
        MetadataImage image = image(
                new ConfigRecord(ConfigResourceType.BROKER, "", "log.retention.ms", "200"),
                new ConfigRecord(ConfigResourceType.BROKER, "3", "log.retention.ms", "300"),
                new ConfigRecord(ConfigResourceType.TOPIC, "foo", "retention.ms", "400"));
        ResolvedConfig forBroker3 = resolver.resolve(image, "foo", "retention.ms", OptionalInt.of(3));
        assertThat(forBroker3.value()).isEqualTo("400");
        assertThat(forBroker3.isOverride()).isTrue();
        assertThat(forBroker3.synonyms()).extracting(ConfigSynonym::source).containsExactly(
                ConfigSource.DYNAMIC_TOPIC_CONFIG, ConfigSource.DYNAMIC_BROKER_CONFIG, ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG,
                ConfigSource.STATIC_BROKER_CONFIG, ConfigSource.DEFAULT_CONFIG);

        MetadataImage noOverride = image(
                new ConfigRecord(ConfigResourceType.BROKER, "", "log.retention.ms", "200"),
                new ConfigRecord(ConfigResourceType.BROKER, "3", "log.retention.ms", "300"));
        assertThat(resolver.resolve(noOverride, "foo", "retention.ms", OptionalInt.of(3)).value()).isEqualTo("300");
        assertThat(resolver.resolve(noOverride, "foo", "retention.ms", OptionalInt.of(4)).value()).isEqualTo("200");
        assertThat(resolver.resolve(noOverride, "foo", "retention.ms", OptionalInt.empty()).source())
                .isEqualTo(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
    }

    @Test
    void uncleanElectionFollowsTheChain() {
        MetadataImage off = image();
        assertThat(new TopicConfigResolver(Map.of()).uncleanLeaderElectionEnabled(off, "foo")).isFalse();
        assertThat(new TopicConfigResolver(Map.of("unclean.leader.election.enable", "true")).uncleanLeaderElectionEnabled(off, "foo")).isTrue();
        MetadataImage topicOff = image(new ConfigRecord(ConfigResourceType.TOPIC, "foo", "unclean.leader.election.enable", "false"));
        assertThat(new TopicConfigResolver(Map.of("unclean.leader.election.enable", "true")).uncleanLeaderElectionEnabled(topicOff, "foo"))
                .isFalse();
    }

    @Test
    void effectiveValuesParseIntoTypedValues() {
        MetadataImage image = image(new ConfigRecord(ConfigResourceType.TOPIC, "foo", "segment.ms", "60000"));
        var parsed = new TopicConfigResolver(Map.of()).effectiveParsed(image, "foo", OptionalInt.empty());
        assertThat(parsed.get("segment.ms")).isEqualTo(60000L);
        assertThat(parsed.get("cleanup.policy")).isEqualTo(List.of("delete"));
    }
}

package io.tributary.broker.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.image.ImageSteps;
import io.tributary.broker.network.ConnectionInfo;
import io.tributary.metadata.config.TopicConfigResolver;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.ConfigResourceType;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.api.ConfigSource;
import io.tributary.wire.api.ConfigType;
import io.tributary.wire.api.describeconfigs.DescribeConfigsCodec;
import io.tributary.wire.api.describeconfigs.DescribeConfigsRequest;
import io.tributary.wire.api.describeconfigs.DescribeConfigsResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DescribeConfigs of broker resources after dynamic changes: the source of each level, the synonym
 * chain, read-only flags, and the cluster-wide default resource, as {@code kafka-configs --describe}
 * reads them.
 */
class DescribeBrokerConfigsTest {

    private final MetadataImage image = image(
            new ConfigRecord(ConfigResourceType.BROKER, "", "log.retention.ms", "3600000"),
            new ConfigRecord(ConfigResourceType.BROKER, "1", "log.retention.ms", "1000"),
            new ConfigRecord(ConfigResourceType.BROKER, "2", "log.retention.ms", "5"));
    private final DescribeConfigsHandler handler = new DescribeConfigsHandler(() -> image,
            BrokerConfig.parse(Map.of("node.id", "1", "log.segment.bytes", "2097152")), new TopicConfigResolver(Map.of()));

    @Test
    void aPerBrokerValueWinsOverTheDefaultWithEveryLevelAsASynonym() {
        DescribeConfigsResponse.Result r = describe("1", List.of("log.retention.ms", "log.segment.bytes", "num.io.threads", "log.dirs"));
        Map<String, DescribeConfigsResponse.Entry> byName = byName(r);
        DescribeConfigsResponse.Entry retention = byName.get("log.retention.ms");
        assertThat(retention.value()).isEqualTo("1000");
        assertThat(retention.source()).isEqualTo(ConfigSource.DYNAMIC_BROKER_CONFIG);
        assertThat(retention.readOnly()).isFalse();
        assertThat(retention.synonyms()).extracting(DescribeConfigsResponse.Synonym::source).startsWith(
                ConfigSource.DYNAMIC_BROKER_CONFIG, ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
        assertThat(retention.synonyms().get(1).value()).isEqualTo("3600000");
        assertThat(byName.get("log.segment.bytes").source()).as("from the file").isEqualTo(ConfigSource.STATIC_BROKER_CONFIG);
        assertThat(byName.get("log.segment.bytes").readOnly()).isFalse();
        assertThat(byName.get("num.io.threads").readOnly()).as("Kafka resizes it, Tributary does not").isTrue();
        assertThat(byName.get("log.dirs").readOnly()).isTrue();
    }

    @Test
    void theDefaultResourceListsOnlyWhatIsSetThereWithItsTypeAndSynonym() {
        DescribeConfigsResponse.Result r = describe("", List.of());
        assertThat(r.configs()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("log.retention.ms");
            assertThat(e.value()).isEqualTo("3600000");
            assertThat(e.source()).isEqualTo(ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
            assertThat(e.type()).isEqualTo(ConfigType.LONG);
            assertThat(e.synonyms()).containsExactly(
                    new DescribeConfigsResponse.Synonym("log.retention.ms", "3600000", ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG));
        });
    }

    private DescribeConfigsResponse.Result describe(String broker, List<String> keys) {
        RequestContext ctx = new RequestContext(new RequestHeader(DescribeConfigsCodec.API_KEY, (short) 4, 1, "test"),
                new ConnectionInfo(1, "PLAINTEXT", null), 0, 0);
        return handler.handle(ctx, new DescribeConfigsRequest(List.of(new DescribeConfigsRequest.Resource(
                io.tributary.wire.api.ConfigResourceType.BROKER.code(), broker, keys.isEmpty(), keys)), true, true)).join().results().get(0);
    }

    private static Map<String, DescribeConfigsResponse.Entry> byName(DescribeConfigsResponse.Result r) {
        Map<String, DescribeConfigsResponse.Entry> out = new java.util.HashMap<>();
        r.configs().forEach(e -> out.put(e.name(), e));
        return out;
    }

    private static MetadataImage image(MetadataRecord... records) {
        return ImageSteps.of(records);
    }
}

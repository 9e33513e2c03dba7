package io.tributary.broker.partition;

import io.tributary.log.LogConfig;
import io.tributary.metadata.config.TopicConfigResolver;
import io.tributary.metadata.config.TopicConfigs;
import io.tributary.metadata.image.MetadataImage;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A topic's effective log settings on this node: topic overrides, else this broker's settings,
 * else Kafka's defaults, resolved by the metadata module's {@link TopicConfigResolver}.
 */
public record TopicLogConfig(LogConfig logConfig, int minInsyncReplicas) {

    public static TopicLogConfig resolve(TopicConfigResolver resolver, MetadataImage image, String topic, int nodeId) {
        Map<String, String> values = resolver.effectiveValues(image, topic, OptionalInt.of(nodeId));
        LogConfig lc = LogConfig.fromProperties(values);
        int minIsr = Integer.parseInt(values.getOrDefault(TopicConfigs.MIN_INSYNC_REPLICAS, "1"));
        return new TopicLogConfig(lc, minIsr);
    }
}

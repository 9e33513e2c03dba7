package io.tributary.wire.api.createtopics;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.wire.api.ConfigSource;
import java.util.List;

/**
 * A CreateTopics response. The partition count, replication factor, configs and config error are
 * dropped before v5, the topic id before v7.
 */
public record CreateTopicsResponse(int throttleTimeMs, List<TopicResult> topics) {

    public CreateTopicsResponse {
        topics = List.copyOf(topics);
    }

    /**
     * @param errorMessage         null for none
     * @param topicConfigError     why the configs could not be described (v5+), NONE otherwise
     * @param numPartitions        -1 if unknown
     * @param replicationFactor    -1 if unknown
     */
    public record TopicResult(
            String name,
            TopicId topicId,
            ErrorCode error,
            String errorMessage,
            ErrorCode topicConfigError,
            int numPartitions,
            short replicationFactor,
            List<Config> configs) {

        public TopicResult {
            topicId = topicId == null ? TopicId.ZERO : topicId;
            configs = List.copyOf(configs);
        }

        public static TopicResult failed(String name, ErrorCode error, String message) {
            return new TopicResult(name, TopicId.ZERO, error, message, ErrorCode.NONE, -1, (short) -1, List.of());
        }
    }

    /** A config of the created topic, as DescribeConfigs would show it. */
    public record Config(String name, String value, boolean readOnly, ConfigSource source, boolean isSensitive) {
    }
}

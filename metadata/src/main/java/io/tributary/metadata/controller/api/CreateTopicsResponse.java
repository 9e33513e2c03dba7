package io.tributary.metadata.controller.api;

import io.tributary.common.TopicId;
import io.tributary.metadata.config.ResolvedConfig;

import java.util.List;

/** One result per requested topic, in request order. */
public record CreateTopicsResponse(List<TopicResult> topics) {

    public CreateTopicsResponse {
        topics = List.copyOf(topics);
    }

    /**
     * @param topicId the new id ({@link TopicId#ZERO} on failure and for validateOnly)
     * @param numPartitions and {@code replicationFactor}: what was (or would be) created, -1 on failure
     * @param configs every topic config with its effective value and source (empty on failure)
     */
    public record TopicResult(String name, TopicId topicId, ApiError error, int numPartitions, int replicationFactor,
                              List<ResolvedConfig> configs) {
        public TopicResult {
            configs = List.copyOf(configs);
        }

        public static TopicResult failed(String name, ApiError error) {
            return new TopicResult(name, TopicId.ZERO, error, -1, -1, List.of());
        }
    }
}

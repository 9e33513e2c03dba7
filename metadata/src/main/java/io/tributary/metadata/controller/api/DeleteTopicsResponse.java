package io.tributary.metadata.controller.api;

import io.tributary.common.TopicId;

import java.util.List;

/** One result per requested name, then one per requested id, in request order. */
public record DeleteTopicsResponse(List<TopicResult> topics) {

    public DeleteTopicsResponse {
        topics = List.copyOf(topics);
    }

    /** @param name the topic name (null if an unknown id was given); {@code topicId} ZERO if unknown */
    public record TopicResult(String name, TopicId topicId, ApiError error) {
    }
}

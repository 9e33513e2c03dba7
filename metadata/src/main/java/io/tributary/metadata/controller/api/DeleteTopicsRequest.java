package io.tributary.metadata.controller.api;

import io.tributary.common.TopicId;

import java.util.List;

/** DeleteTopics, by name and/or by id (Kafka's v6+ allows either). */
public record DeleteTopicsRequest(List<String> names, List<TopicId> topicIds)
        implements ControllerCommand<DeleteTopicsResponse> {

    public DeleteTopicsRequest {
        names = List.copyOf(names);
        topicIds = List.copyOf(topicIds);
    }

    public static DeleteTopicsRequest byName(String... names) {
        return new DeleteTopicsRequest(List.of(names), List.of());
    }
}

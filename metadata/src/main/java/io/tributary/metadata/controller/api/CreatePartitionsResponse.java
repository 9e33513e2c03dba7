package io.tributary.metadata.controller.api;

import java.util.List;

/** One result per requested topic, in request order. */
public record CreatePartitionsResponse(List<TopicResult> topics) {

    public CreatePartitionsResponse {
        topics = List.copyOf(topics);
    }

    public record TopicResult(String name, ApiError error) {
    }
}

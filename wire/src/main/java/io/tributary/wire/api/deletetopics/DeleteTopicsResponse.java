package io.tributary.wire.api.deletetopics;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import java.util.List;

/** A DeleteTopics response. The error message is dropped before v5, the topic id before v6. */
public record DeleteTopicsResponse(int throttleTimeMs, List<Result> results) {

    public DeleteTopicsResponse {
        results = List.copyOf(results);
    }

    /** @param name null only when an id-based v6 request named an unknown id; @param errorMessage null for none */
    public record Result(String name, TopicId topicId, ErrorCode error, String errorMessage) {

        public Result {
            topicId = topicId == null ? TopicId.ZERO : topicId;
        }
    }
}

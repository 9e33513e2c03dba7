package io.tributary.wire.api.deletetopics;

import io.tributary.wire.api.TopicRef;
import java.util.List;

/**
 * A DeleteTopics request. Versions 1-5 name topics; v6 names them or gives their ids (one of the
 * two per topic).
 */
public record DeleteTopicsRequest(List<TopicRef> topics, int timeoutMs) {

    public DeleteTopicsRequest {
        topics = List.copyOf(topics);
    }
}

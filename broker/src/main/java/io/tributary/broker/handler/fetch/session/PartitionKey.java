package io.tributary.broker.handler.fetch.session;

import io.tributary.common.TopicId;
import io.tributary.wire.api.fetch.FetchRequest;
import java.util.Objects;

/**
 * A partition as a fetch session knows it: by topic id from Fetch v13 (names are not sent), by name
 * before. Exactly one of {@code topicId} (non-zero) and {@code topicName} (non-null) identifies the
 * topic; a session never mixes the two (a request of the other kind is refused with
 * {@code FETCH_SESSION_TOPIC_ID_ERROR}), so a key never needs the image to resolve it.
 */
public record PartitionKey(TopicId topicId, String topicName, int partition) {

    public PartitionKey {
        topicId = topicId == null ? TopicId.ZERO : topicId;
        if (!topicId.isZero()) {
            topicName = null;
        }
    }

    static PartitionKey of(FetchRequest.Topic topic, int partition) {
        return new PartitionKey(topic.topicId(), topic.name(), partition);
    }

    static PartitionKey of(FetchRequest.ForgottenTopic topic, int partition) {
        return new PartitionKey(topic.topicId(), topic.name(), partition);
    }

    /** Whether this and {@code other} name the same topic (so they share one topic entry in a request). */
    boolean sameTopic(PartitionKey other) {
        return topicId.equals(other.topicId) && Objects.equals(topicName, other.topicName);
    }
}

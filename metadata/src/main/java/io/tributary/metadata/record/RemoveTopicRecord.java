package io.tributary.metadata.record;

import io.tributary.common.TopicId;

import java.util.Objects;

/** A topic was deleted, with all its partitions and its config overrides. */
public record RemoveTopicRecord(TopicId topicId) implements MetadataRecord {

    public RemoveTopicRecord {
        Objects.requireNonNull(topicId, "topicId");
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.REMOVE_TOPIC;
    }
}

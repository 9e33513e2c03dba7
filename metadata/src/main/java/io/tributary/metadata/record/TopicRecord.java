package io.tributary.metadata.record;

import io.tributary.common.TopicId;

import java.util.Objects;

/**
 * A topic was created. Its partitions follow as {@link PartitionRecord}s in the same batch, and
 * its config overrides as {@link ConfigRecord}s. The id tells this topic from an earlier one of the
 * same name.
 */
public record TopicRecord(String name, TopicId topicId) implements MetadataRecord {

    /** Kafka's limit on a topic name's length. */
    public static final int MAX_NAME_LENGTH = 249;

    public TopicRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topicId, "topicId");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a topic name is 1.." + MAX_NAME_LENGTH + " characters, got " + name.length());
        }
        if (topicId.isZero()) {
            throw new IllegalArgumentException("topic " + name + " must not have the zero topic id");
        }
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.TOPIC;
    }
}

package io.tributary.coordinator.record;

import io.tributary.common.TopicPartition;

import java.util.Objects;

/** A group's committed offset for one partition, or (with a null {@code value}) its deletion. */
public record OffsetCommitRecord(String groupId, TopicPartition partition, OffsetCommitValue value)
        implements CoordinatorRecord {

    public OffsetCommitRecord {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(partition, "partition");
    }

    public static OffsetCommitRecord tombstone(String groupId, TopicPartition partition) {
        return new OffsetCommitRecord(groupId, partition, null);
    }

    @Override
    public boolean isTombstone() {
        return value == null;
    }
}

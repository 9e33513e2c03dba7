package io.tributary.metadata.record;

import io.tributary.common.TopicId;

import java.util.List;
import java.util.Objects;

/**
 * A partition was created (or, in a snapshot, its whole current state). The first replica is the
 * preferred leader. The ISR is never empty: when every ISR member is lost the last one stays,
 * so that it can be elected again when it returns.
 *
 * <p>Version 0. Eligible leader replicas (KIP-966) will be a version 1 with extra fields.
 *
 * @param leader the leader's broker id, or {@link Replicas#NO_LEADER}
 */
public record PartitionRecord(TopicId topicId, int partition, List<Integer> replicas, List<Integer> isr,
                              int leader, int leaderEpoch, int partitionEpoch) implements MetadataRecord {

    public PartitionRecord {
        Objects.requireNonNull(topicId, "topicId");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        }
        replicas = Replicas.checkedCopy("replicas of partition " + partition, replicas);
        isr = Replicas.checkedCopy("ISR of partition " + partition, isr);
        Replicas.checkPartitionState("partition " + partition, replicas, isr, leader, leaderEpoch, partitionEpoch);
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.PARTITION;
    }
}

package io.tributary.metadata.record;

import io.tributary.common.TopicId;

import java.util.List;
import java.util.Objects;

/**
 * A partition was created (or, in a snapshot, its whole current state). The first replica is the
 * preferred leader.
 *
 * <p>Version 1 adds the eligible leader replicas (KIP-966): {@code elr}, the replicas outside the
 * ISR that still hold every committed record (the ISR shrank below {@code min.insync.replicas}
 * when they left it, so the high watermark stopped), and {@code lastKnownElr}, the last leader of a
 * partition that lost every ISR and ELR member, kept as the last resort. The ISR may be empty, but
 * then there is no leader. Version 0 records read as having both lists empty.
 *
 * <p>Version 2 adds a reassignment in progress (KIP-455): {@code addingReplicas} and
 * {@code removingReplicas}, both within {@code replicas}; the target replica set is the replicas
 * without the removing ones. Both are empty when no reassignment is in progress, and in older versions.
 *
 * @param leader the leader's broker id, or {@link Replicas#NO_LEADER}
 */
public record PartitionRecord(TopicId topicId, int partition, List<Integer> replicas, List<Integer> isr,
                              int leader, int leaderEpoch, int partitionEpoch, List<Integer> elr,
                              List<Integer> lastKnownElr, List<Integer> addingReplicas, List<Integer> removingReplicas)
        implements MetadataRecord {

    public PartitionRecord {
        Objects.requireNonNull(topicId, "topicId");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        }
        replicas = Replicas.checkedCopy("replicas of partition " + partition, replicas);
        isr = Replicas.checkedCopyMaybeEmpty("ISR of partition " + partition, isr);
        elr = Replicas.checkedCopyMaybeEmpty("ELR of partition " + partition, elr);
        lastKnownElr = Replicas.checkedCopyMaybeEmpty("last known ELR of partition " + partition, lastKnownElr);
        Replicas.checkPartitionState("partition " + partition, replicas, isr, leader, leaderEpoch, partitionEpoch);
        Replicas.checkEligibleLeaders("partition " + partition, replicas, isr, elr, lastKnownElr);
        addingReplicas = Replicas.checkedCopyMaybeEmpty("adding replicas of partition " + partition, addingReplicas);
        removingReplicas = Replicas.checkedCopyMaybeEmpty("removing replicas of partition " + partition, removingReplicas);
        Replicas.checkReassignment("partition " + partition, replicas, addingReplicas, removingReplicas);
    }

    /** A partition with no reassignment in progress. */
    public PartitionRecord(TopicId topicId, int partition, List<Integer> replicas, List<Integer> isr,
                           int leader, int leaderEpoch, int partitionEpoch, List<Integer> elr, List<Integer> lastKnownElr) {
        this(topicId, partition, replicas, isr, leader, leaderEpoch, partitionEpoch, elr, lastKnownElr, List.of(), List.of());
    }

    /** A partition with no eligible leader replicas outside its ISR (every new partition). */
    public PartitionRecord(TopicId topicId, int partition, List<Integer> replicas, List<Integer> isr,
                           int leader, int leaderEpoch, int partitionEpoch) {
        this(topicId, partition, replicas, isr, leader, leaderEpoch, partitionEpoch, List.of(), List.of(), List.of(), List.of());
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.PARTITION;
    }
}

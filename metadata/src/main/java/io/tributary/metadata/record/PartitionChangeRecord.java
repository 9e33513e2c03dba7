package io.tributary.metadata.record;

import io.tributary.common.TopicId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A change to one partition: only the fields that change are present. The record also states the
 * epochs the partition has after the change, so that replay can check them instead of trusting
 * them: every change bumps the partition epoch by one, and a leader change also bumps the leader
 * epoch by one (otherwise the leader epoch stays).
 *
 * <p>Version 0 carries the ISR and the leader. Version 1 adds the eligible leader replicas and the
 * last known ELR (KIP-966, see {@link PartitionRecord}). Version 2 adds the replica set and the
 * adding and removing replicas of a reassignment (KIP-455, see {@link PartitionRecord}); replay
 * checks the whole new state, so the three may change alone or together.
 */
public record PartitionChangeRecord(TopicId topicId, int partition, Optional<List<Integer>> isr,
                                    OptionalInt leader, int leaderEpoch, int partitionEpoch,
                                    Optional<List<Integer>> elr, Optional<List<Integer>> lastKnownElr,
                                    Optional<List<Integer>> replicas, Optional<List<Integer>> addingReplicas,
                                    Optional<List<Integer>> removingReplicas)
        implements MetadataRecord {

    public PartitionChangeRecord {
        Objects.requireNonNull(topicId, "topicId");
        Objects.requireNonNull(isr, "isr");
        Objects.requireNonNull(leader, "leader");
        Objects.requireNonNull(elr, "elr");
        Objects.requireNonNull(lastKnownElr, "lastKnownElr");
        Objects.requireNonNull(replicas, "replicas");
        Objects.requireNonNull(addingReplicas, "addingReplicas");
        Objects.requireNonNull(removingReplicas, "removingReplicas");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        }
        isr = isr.map(list -> Replicas.checkedCopyMaybeEmpty("new ISR of partition " + partition, list));
        elr = elr.map(list -> Replicas.checkedCopyMaybeEmpty("new ELR of partition " + partition, list));
        lastKnownElr = lastKnownElr.map(list -> Replicas.checkedCopyMaybeEmpty("new last known ELR of partition " + partition, list));
        replicas = replicas.map(list -> Replicas.checkedCopy("new replicas of partition " + partition, list));
        addingReplicas = addingReplicas.map(list -> Replicas.checkedCopyMaybeEmpty("new adding replicas of partition " + partition, list));
        removingReplicas = removingReplicas.map(list -> Replicas.checkedCopyMaybeEmpty("new removing replicas of partition " + partition, list));
        if (leader.isPresent() && leader.getAsInt() < Replicas.NO_LEADER) {
            throw new IllegalArgumentException("invalid new leader " + leader.getAsInt() + " for partition " + partition);
        }
        if (isr.isEmpty() && leader.isEmpty() && elr.isEmpty() && lastKnownElr.isEmpty() && replicas.isEmpty()
                && addingReplicas.isEmpty() && removingReplicas.isEmpty()) {
            throw new IllegalArgumentException("a change to partition " + partition + " must change something");
        }
        if (leaderEpoch < 0 || partitionEpoch < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got leader epoch " + leaderEpoch
                    + " and partition epoch " + partitionEpoch + " for partition " + partition);
        }
    }

    /** A change that leaves the replica set and any reassignment as they are (the version 1 fields). */
    public PartitionChangeRecord(TopicId topicId, int partition, Optional<List<Integer>> isr, OptionalInt leader,
                                 int leaderEpoch, int partitionEpoch, Optional<List<Integer>> elr,
                                 Optional<List<Integer>> lastKnownElr) {
        this(topicId, partition, isr, leader, leaderEpoch, partitionEpoch, elr, lastKnownElr, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** A change of the ISR and/or the leader only (the version 0 fields). */
    public PartitionChangeRecord(TopicId topicId, int partition, Optional<List<Integer>> isr, OptionalInt leader,
                                 int leaderEpoch, int partitionEpoch) {
        this(topicId, partition, isr, leader, leaderEpoch, partitionEpoch, Optional.empty(), Optional.empty());
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.PARTITION_CHANGE;
    }
}

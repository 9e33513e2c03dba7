package io.tributary.metadata.image;

import io.tributary.common.TopicId;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.Replicas;

import java.util.List;

/**
 * One partition's replica set, ISR, eligible leader replicas, leader and epochs. The first replica
 * is the preferred leader. Invariants (checked on construction): the lists hold distinct broker ids
 * within the replicas; the leader is in the ISR or is {@link Replicas#NO_LEADER}, so an empty ISR
 * has no leader; no replica is in both the ISR and the ELR.
 *
 * @param leaderEpoch grows by one on every leader change; a leader with an older epoch is fenced
 * @param partitionEpoch grows by one on every change of any kind; AlterPartition proposals carry
 *                       it so a proposal based on stale state is refused
 * @param elr the eligible leader replicas (KIP-966): replicas that left the ISR while it was
 *            smaller than {@code min.insync.replicas}, so they hold every committed record (the
 *            high watermark does not move while the ISR is that small) and may lead when the ISR
 *            is empty
 * @param lastKnownElr the leader a partition had when it lost its last ISR member; the last resort
 *                     when neither the ISR nor the ELR has anyone left (empty otherwise)
 * @param addingReplicas the replicas a reassignment in progress adds (KIP-455); empty when none is
 * @param removingReplicas the replicas a reassignment in progress removes once every target replica
 *                         is in the ISR; the target is {@code replicas} without them
 */
public record PartitionRegistration(List<Integer> replicas, List<Integer> isr, int leader,
                                    int leaderEpoch, int partitionEpoch, List<Integer> elr,
                                    List<Integer> lastKnownElr, List<Integer> addingReplicas,
                                    List<Integer> removingReplicas) {

    public PartitionRegistration {
        replicas = Replicas.checkedCopy("replicas", replicas);
        isr = Replicas.checkedCopyMaybeEmpty("ISR", isr);
        elr = Replicas.checkedCopyMaybeEmpty("ELR", elr);
        lastKnownElr = Replicas.checkedCopyMaybeEmpty("last known ELR", lastKnownElr);
        Replicas.checkPartitionState("a partition", replicas, isr, leader, leaderEpoch, partitionEpoch);
        Replicas.checkEligibleLeaders("a partition", replicas, isr, elr, lastKnownElr);
        addingReplicas = Replicas.checkedCopyMaybeEmpty("adding replicas", addingReplicas);
        removingReplicas = Replicas.checkedCopyMaybeEmpty("removing replicas", removingReplicas);
        Replicas.checkReassignment("a partition", replicas, addingReplicas, removingReplicas);
    }

    /** A partition with no reassignment in progress. */
    public PartitionRegistration(List<Integer> replicas, List<Integer> isr, int leader, int leaderEpoch, int partitionEpoch,
                                 List<Integer> elr, List<Integer> lastKnownElr) {
        this(replicas, isr, leader, leaderEpoch, partitionEpoch, elr, lastKnownElr, List.of(), List.of());
    }

    /** A partition whose every eligible leader is in its ISR. */
    public PartitionRegistration(List<Integer> replicas, List<Integer> isr, int leader, int leaderEpoch, int partitionEpoch) {
        this(replicas, isr, leader, leaderEpoch, partitionEpoch, List.of(), List.of());
    }

    static PartitionRegistration fromRecord(PartitionRecord r) {
        return new PartitionRegistration(r.replicas(), r.isr(), r.leader(), r.leaderEpoch(), r.partitionEpoch(), r.elr(),
                r.lastKnownElr(), r.addingReplicas(), r.removingReplicas());
    }

    public PartitionRecord toRecord(TopicId topicId, int partition) {
        return new PartitionRecord(topicId, partition, replicas, isr, leader, leaderEpoch, partitionEpoch, elr, lastKnownElr,
                addingReplicas, removingReplicas);
    }

    /** The replica Kafka calls the preferred leader: the first of the replica list. */
    public int preferredLeader() {
        return replicas.get(0);
    }

    public boolean hasLeader() {
        return leader != Replicas.NO_LEADER;
    }

    public boolean isReplica(int brokerId) {
        return replicas.contains(brokerId);
    }

    public boolean inIsr(int brokerId) {
        return isr.contains(brokerId);
    }

    public boolean inElr(int brokerId) {
        return elr.contains(brokerId);
    }

    /** Whether a reassignment is in progress (KIP-455). */
    public boolean isReassigning() {
        return !addingReplicas.isEmpty() || !removingReplicas.isEmpty();
    }

    /** The replica set a reassignment in progress moves to (the replicas without the removing ones); else the replicas. */
    public List<Integer> targetReplicas() {
        if (removingReplicas.isEmpty()) {
            return replicas;
        }
        return replicas.stream().filter(r -> !removingReplicas.contains(r)).toList();
    }

    /** The replica set before the reassignment in progress (the replicas without the adding ones); else the replicas. */
    public List<Integer> originalReplicas() {
        if (addingReplicas.isEmpty()) {
            return replicas;
        }
        return replicas.stream().filter(r -> !addingReplicas.contains(r)).toList();
    }
}

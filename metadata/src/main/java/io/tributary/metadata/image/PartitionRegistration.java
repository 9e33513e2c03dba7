package io.tributary.metadata.image;

import io.tributary.common.TopicId;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.Replicas;

import java.util.List;

/**
 * One partition's replica set, ISR, leader and epochs. The first replica is the preferred leader.
 * Invariants (checked on construction): replicas and ISR are non-empty lists of distinct broker
 * ids, the ISR is within the replicas, the leader is in the ISR or is {@link Replicas#NO_LEADER}.
 *
 * @param leaderEpoch grows by one on every leader change; a leader with an older epoch is fenced
 * @param partitionEpoch grows by one on every change of any kind; AlterPartition proposals carry
 *                       it so a proposal based on stale state is refused
 */
public record PartitionRegistration(List<Integer> replicas, List<Integer> isr, int leader,
                                    int leaderEpoch, int partitionEpoch) {

    public PartitionRegistration {
        replicas = Replicas.checkedCopy("replicas", replicas);
        isr = Replicas.checkedCopy("ISR", isr);
        Replicas.checkPartitionState("a partition", replicas, isr, leader, leaderEpoch, partitionEpoch);
    }

    static PartitionRegistration fromRecord(PartitionRecord r) {
        return new PartitionRegistration(r.replicas(), r.isr(), r.leader(), r.leaderEpoch(), r.partitionEpoch());
    }

    public PartitionRecord toRecord(TopicId topicId, int partition) {
        return new PartitionRecord(topicId, partition, replicas, isr, leader, leaderEpoch, partitionEpoch);
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
}

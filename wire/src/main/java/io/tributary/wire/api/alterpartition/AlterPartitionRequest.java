package io.tributary.wire.api.alterpartition;

import io.tributary.common.TopicId;
import java.util.List;

/**
 * An AlterPartition request: a partition leader proposing a new ISR to the controller.
 *
 * @param brokerEpoch the leader's broker epoch, so a controller can refuse a zombie
 */
public record AlterPartitionRequest(int brokerId, long brokerEpoch, List<Topic> topics) {

    /** The leader has all committed data (KIP-704). */
    public static final byte LEADER_RECOVERY_RECOVERED = 0;
    /** The leader was elected uncleanly and is still recovering. */
    public static final byte LEADER_RECOVERY_RECOVERING = 1;

    public AlterPartitionRequest {
        topics = List.copyOf(topics);
    }

    public record Topic(TopicId topicId, List<Partition> partitions) {

        public Topic {
            topicId = topicId == null ? TopicId.ZERO : topicId;
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * One partition's proposal.
     *
     * @param leaderEpoch       the leader epoch the leader is in
     * @param newIsrWithEpochs  the proposed ISR, each member with the broker epoch the leader saw for it
     *                          (v3, KIP-903); v2 carries ids only, which read with epoch -1
     * @param partitionEpoch    the partition epoch the proposal is based on
     */
    public record Partition(int partitionIndex, int leaderEpoch, List<IsrMember> newIsrWithEpochs, byte leaderRecoveryState,
                            int partitionEpoch) {

        public Partition {
            newIsrWithEpochs = List.copyOf(newIsrWithEpochs);
        }

        /** The proposed ISR's broker ids, in order. */
        public List<Integer> newIsr() {
            return newIsrWithEpochs.stream().map(IsrMember::brokerId).toList();
        }
    }

    /** @param brokerEpoch -1 when unknown (v2) */
    public record IsrMember(int brokerId, long brokerEpoch) {
    }
}

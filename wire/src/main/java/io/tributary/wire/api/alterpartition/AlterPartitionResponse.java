package io.tributary.wire.api.alterpartition;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import java.util.List;

/**
 * An AlterPartition response: a top-level error (the whole request refused, a stale broker epoch
 * say) and one result per partition, which on success carries the partition's state after the change.
 */
public record AlterPartitionResponse(int throttleTimeMs, ErrorCode error, List<Topic> topics) {

    public AlterPartitionResponse {
        topics = List.copyOf(topics);
    }

    public record Topic(TopicId topicId, List<Partition> partitions) {

        public Topic {
            topicId = topicId == null ? TopicId.ZERO : topicId;
            partitions = List.copyOf(partitions);
        }
    }

    /** @param leaderId -1 when unknown (on error) */
    public record Partition(int partitionIndex, ErrorCode error, int leaderId, int leaderEpoch, List<Integer> isr,
                            byte leaderRecoveryState, int partitionEpoch) {

        public Partition {
            isr = List.copyOf(isr);
        }

        public static Partition failed(int partitionIndex, ErrorCode error) {
            return new Partition(partitionIndex, error, -1, -1, List.of(), AlterPartitionRequest.LEADER_RECOVERY_RECOVERED, -1);
        }
    }
}

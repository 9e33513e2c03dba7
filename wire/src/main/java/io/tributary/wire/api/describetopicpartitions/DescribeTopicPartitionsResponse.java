package io.tributary.wire.api.describetopicpartitions;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import java.util.List;

/**
 * A DescribeTopicPartitions response: what Metadata says about a partition, plus its eligible leader
 * replicas and last known ELR (KIP-966).
 *
 * @param nextCursor where the next request should start, or null when this response reaches the end
 */
public record DescribeTopicPartitionsResponse(int throttleTimeMs, List<Topic> topics, DescribeTopicPartitionsRequest.Cursor nextCursor) {

    /** Kafka's "not computed" value for the authorized-operations bit field. */
    public static final int OPERATIONS_OMITTED = Integer.MIN_VALUE;

    public DescribeTopicPartitionsResponse {
        topics = List.copyOf(topics);
    }

    /**
     * @param name    the topic name, as asked for when the topic does not exist
     * @param topicId {@link TopicId#ZERO} when unknown
     */
    public record Topic(ErrorCode error, String name, TopicId topicId, boolean isInternal, List<Partition> partitions,
                        int topicAuthorizedOperations) {

        public Topic {
            partitions = List.copyOf(partitions);
            topicId = topicId == null ? TopicId.ZERO : topicId;
        }
    }

    /** @param leaderId -1 when there is no leader */
    public record Partition(
            ErrorCode error,
            int partitionIndex,
            int leaderId,
            int leaderEpoch,
            List<Integer> replicaNodes,
            List<Integer> isrNodes,
            List<Integer> eligibleLeaderReplicas,
            List<Integer> lastKnownElr,
            List<Integer> offlineReplicas) {

        public Partition {
            replicaNodes = List.copyOf(replicaNodes);
            isrNodes = List.copyOf(isrNodes);
            eligibleLeaderReplicas = List.copyOf(eligibleLeaderReplicas);
            lastKnownElr = List.copyOf(lastKnownElr);
            offlineReplicas = List.copyOf(offlineReplicas);
        }
    }
}

package io.tributary.metadata.controller.api;

import io.tributary.common.TopicId;

import java.util.List;

/**
 * A top-level error (the whole request refused, e.g. a stale broker epoch) or one result per
 * partition. A successful partition result carries the partition's state after the change.
 */
public record AlterPartitionResponse(ApiError error, List<TopicResult> topics) {

    public AlterPartitionResponse {
        topics = List.copyOf(topics);
    }

    public record TopicResult(TopicId topicId, List<PartitionResult> partitions) {
        public TopicResult {
            partitions = List.copyOf(partitions);
        }
    }

    public record PartitionResult(int partition, ApiError error, int leaderId, int leaderEpoch, List<Integer> isr,
                                  int partitionEpoch) {
        public PartitionResult {
            isr = List.copyOf(isr);
        }

        public static PartitionResult failed(int partition, ApiError error) {
            return new PartitionResult(partition, error, -1, -1, List.of(), -1);
        }
    }
}

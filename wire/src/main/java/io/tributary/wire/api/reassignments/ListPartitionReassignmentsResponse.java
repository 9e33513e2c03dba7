package io.tributary.wire.api.reassignments;

import io.tributary.common.ErrorCode;
import java.util.List;

/** A ListPartitionReassignments response: every reassignment in progress among those asked about. */
public record ListPartitionReassignmentsResponse(int throttleTimeMs, ErrorCode error, String errorMessage, List<TopicResult> topics) {

    public ListPartitionReassignmentsResponse {
        topics = List.copyOf(topics);
    }

    public record TopicResult(String name, List<PartitionResult> partitions) {

        public TopicResult {
            partitions = List.copyOf(partitions);
        }
    }

    public record PartitionResult(int partitionIndex, List<Integer> replicas, List<Integer> addingReplicas,
                                  List<Integer> removingReplicas) {

        public PartitionResult {
            replicas = List.copyOf(replicas);
            addingReplicas = List.copyOf(addingReplicas);
            removingReplicas = List.copyOf(removingReplicas);
        }
    }
}

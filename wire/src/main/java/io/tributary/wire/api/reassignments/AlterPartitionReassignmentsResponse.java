package io.tributary.wire.api.reassignments;

import io.tributary.common.ErrorCode;
import java.util.List;

/** An AlterPartitionReassignments response: a top-level error and one result per partition. */
public record AlterPartitionReassignmentsResponse(int throttleTimeMs, ErrorCode error, String errorMessage, List<TopicResult> topics) {

    public AlterPartitionReassignmentsResponse {
        topics = List.copyOf(topics);
    }

    public record TopicResult(String name, List<PartitionResult> partitions) {

        public TopicResult {
            partitions = List.copyOf(partitions);
        }
    }

    /** @param errorMessage null for none */
    public record PartitionResult(int partitionIndex, ErrorCode error, String errorMessage) {
    }
}

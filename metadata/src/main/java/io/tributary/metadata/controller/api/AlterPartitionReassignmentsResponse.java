package io.tributary.metadata.controller.api;

import io.tributary.common.TopicPartition;

import java.util.List;

/** One result per partition named, in the request's order. */
public record AlterPartitionReassignmentsResponse(List<PartitionResult> partitions) {

    public AlterPartitionReassignmentsResponse {
        partitions = List.copyOf(partitions);
    }

    public record PartitionResult(TopicPartition partition, ApiError error) {
    }
}

package io.tributary.metadata.controller.api;

import io.tributary.common.TopicPartition;

import java.util.List;

/** One result per partition considered. */
public record ElectLeadersResponse(List<PartitionResult> partitions) {

    public ElectLeadersResponse {
        partitions = List.copyOf(partitions);
    }

    public record PartitionResult(TopicPartition partition, ApiError error) {
    }
}

package io.tributary.coordinator.api;

import java.util.List;

/** OffsetCommit's answer: one result per partition, in the order asked. */
public record OffsetCommitResponse(List<PartitionResult> partitions) implements CoordinatorResponse {

    public OffsetCommitResponse {
        partitions = List.copyOf(partitions);
    }
}

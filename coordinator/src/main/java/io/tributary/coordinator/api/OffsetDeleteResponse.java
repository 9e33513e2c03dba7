package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

import java.util.List;

/** OffsetDelete's answer: a top-level error (GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP) or per-partition results. */
public record OffsetDeleteResponse(ErrorCode error, List<PartitionResult> partitions) implements CoordinatorResponse {

    public OffsetDeleteResponse {
        partitions = List.copyOf(partitions);
    }
}

package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;

import java.util.List;
import java.util.Objects;

/** OffsetDelete: remove a group's offsets for some partitions. */
public record OffsetDeleteRequest(String groupId, List<TopicPartition> partitions) implements CoordinatorRequest {

    public OffsetDeleteRequest {
        Objects.requireNonNull(groupId, "groupId");
        partitions = List.copyOf(partitions);
    }

    @Override
    public OffsetDeleteResponse errorResponse(ErrorCode error) {
        return new OffsetDeleteResponse(error, List.of());
    }
}

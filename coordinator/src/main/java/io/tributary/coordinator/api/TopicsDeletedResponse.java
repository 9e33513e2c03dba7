package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

/** How many committed offsets a shard deleted for a {@link TopicsDeletedRequest}. */
public record TopicsDeletedResponse(ErrorCode error, int offsetsDeleted) implements CoordinatorResponse {
}

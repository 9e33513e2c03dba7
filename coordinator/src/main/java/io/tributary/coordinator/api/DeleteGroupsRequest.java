package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

import java.util.List;

/** DeleteGroups for groups of this shard. Only Empty groups can be deleted (else NON_EMPTY_GROUP). */
public record DeleteGroupsRequest(List<String> groupIds) implements CoordinatorRequest {

    public DeleteGroupsRequest {
        groupIds = List.copyOf(groupIds);
    }

    @Override
    public DeleteGroupsResponse errorResponse(ErrorCode error) {
        return new DeleteGroupsResponse(groupIds.stream().map(id -> new DeleteGroupsResponse.GroupResult(id, error)).toList());
    }
}

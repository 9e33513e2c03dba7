package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

import java.util.List;

/** DescribeGroups for groups of this shard (the broker routes each group id to its shard). */
public record DescribeGroupsRequest(List<String> groupIds) implements CoordinatorRequest {

    public DescribeGroupsRequest {
        groupIds = List.copyOf(groupIds);
    }

    @Override
    public DescribeGroupsResponse errorResponse(ErrorCode error) {
        return new DescribeGroupsResponse(groupIds.stream().map(id -> DescribeGroupsResponse.DescribedGroup.error(id, error)).toList());
    }
}

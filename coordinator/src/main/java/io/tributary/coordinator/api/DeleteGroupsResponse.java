package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

import java.util.List;

/** DeleteGroups's answer, one result per group asked. */
public record DeleteGroupsResponse(List<GroupResult> groups) implements CoordinatorResponse {

    public DeleteGroupsResponse {
        groups = List.copyOf(groups);
    }

    public record GroupResult(String groupId, ErrorCode error) {
    }
}

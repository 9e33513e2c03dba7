package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

import java.util.List;

/** ListGroups's answer for one shard; the broker concatenates the answers of all its shards. */
public record ListGroupsResponse(ErrorCode error, List<ListedGroup> groups) implements CoordinatorResponse {

    public ListGroupsResponse {
        groups = List.copyOf(groups);
    }

    /** {@code state} as Kafka names it (e.g. {@code Stable}); {@code groupType} {@code classic}. */
    public record ListedGroup(String groupId, String protocolType, String state, String groupType) {
    }
}

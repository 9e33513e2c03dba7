package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

import java.util.List;
import java.util.Set;

/**
 * ListGroups for this shard's groups. {@code statesFilter} (v4+) and {@code typesFilter} (v5+)
 * are matched case-insensitively, as Kafka does; an empty filter matches everything.
 */
public record ListGroupsRequest(Set<String> statesFilter, Set<String> typesFilter) implements CoordinatorRequest {

    public ListGroupsRequest {
        statesFilter = Set.copyOf(statesFilter);
        typesFilter = Set.copyOf(typesFilter);
    }

    public static ListGroupsRequest all() {
        return new ListGroupsRequest(Set.of(), Set.of());
    }

    @Override
    public ListGroupsResponse errorResponse(ErrorCode error) {
        return new ListGroupsResponse(error, List.of());
    }
}

package io.tributary.broker.handler.group;

import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.coordinator.api.CoordinatorResponse;
import io.tributary.coordinator.api.ListGroupsResponse.ListedGroup;
import io.tributary.wire.api.listgroups.ListGroupsRequest;
import io.tributary.wire.api.listgroups.ListGroupsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * ListGroups: the groups of every shard this broker coordinates, filtered by state (v4+) and type
 * (v5+). As in Kafka, a shard still loading makes the answer COORDINATOR_LOAD_IN_PROGRESS, with the
 * groups of the other shards; a shard unloaded meanwhile has nothing to list here any more.
 */
public final class ListGroupsHandler implements ApiHandler<ListGroupsRequest, ListGroupsResponse> {

    private final GroupCoordinatorRuntime coordinator;

    public ListGroupsHandler(GroupCoordinatorRuntime coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<ListGroupsResponse> handle(RequestContext ctx, ListGroupsRequest r) {
        var request = new io.tributary.coordinator.api.ListGroupsRequest(Set.copyOf(r.statesFilter()), Set.copyOf(r.typesFilter()));
        List<CompletableFuture<CoordinatorResponse>> shards = coordinator.handleEverywhere(request);
        return CompletableFuture.allOf(shards.toArray(CompletableFuture[]::new)).thenApply(v -> {
            ErrorCode error = ErrorCode.NONE;
            List<ListGroupsResponse.Group> groups = new ArrayList<>();
            for (CompletableFuture<CoordinatorResponse> f : shards) {
                var l = (io.tributary.coordinator.api.ListGroupsResponse) f.join();
                if (l.error() != ErrorCode.NONE && l.error() != ErrorCode.NOT_COORDINATOR && error == ErrorCode.NONE) {
                    error = l.error();
                }
                for (ListedGroup g : l.groups()) {
                    groups.add(new ListGroupsResponse.Group(g.groupId(), GroupWire.orEmpty(g.protocolType()), g.state(), g.groupType()));
                }
            }
            return new ListGroupsResponse(0, error, groups);
        });
    }
}

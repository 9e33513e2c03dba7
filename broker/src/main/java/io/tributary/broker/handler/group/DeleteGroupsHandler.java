package io.tributary.broker.handler.group;

import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.coordinator.api.DeleteGroupsResponse.GroupResult;
import io.tributary.wire.api.deletegroups.DeleteGroupsRequest;
import io.tributary.wire.api.deletegroups.DeleteGroupsResponse;
import java.util.concurrent.CompletableFuture;

/** DeleteGroups: each group is deleted by its own coordinator (only Empty groups: NON_EMPTY_GROUP otherwise). */
public final class DeleteGroupsHandler implements ApiHandler<DeleteGroupsRequest, DeleteGroupsResponse> {

    private final GroupCoordinatorRuntime coordinator;

    public DeleteGroupsHandler(GroupCoordinatorRuntime coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<DeleteGroupsResponse> handle(RequestContext ctx, DeleteGroupsRequest r) {
        return PerCoordinator.gather(coordinator, r.groups().stream().map(GroupWire::orEmpty).toList(),
                io.tributary.coordinator.api.DeleteGroupsRequest::new,
                resp -> ((io.tributary.coordinator.api.DeleteGroupsResponse) resp).groups(), GroupResult::groupId)
                .thenApply(results -> new DeleteGroupsResponse(0, results.stream()
                        .map(g -> new DeleteGroupsResponse.Result(g.groupId(), g.error())).toList()));
    }
}

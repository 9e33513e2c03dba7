package io.tributary.broker.handler.group;

import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.wire.api.heartbeat.HeartbeatRequest;
import io.tributary.wire.api.heartbeat.HeartbeatResponse;
import java.util.concurrent.CompletableFuture;

/** Heartbeat: extends the member's session; REBALANCE_IN_PROGRESS tells it to rejoin. */
public final class HeartbeatHandler implements ApiHandler<HeartbeatRequest, HeartbeatResponse> {

    private final GroupCoordinatorRuntime coordinator;

    public HeartbeatHandler(GroupCoordinatorRuntime coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<HeartbeatResponse> handle(RequestContext ctx, HeartbeatRequest r) {
        var request = new io.tributary.coordinator.api.HeartbeatRequest(GroupWire.orEmpty(r.groupId()), r.generationId(),
                GroupWire.orEmpty(r.memberId()), r.groupInstanceId());
        return coordinator.handle(request.groupId(), request)
                .thenApply(resp -> new HeartbeatResponse(0, ((io.tributary.coordinator.api.HeartbeatResponse) resp).error()));
    }
}

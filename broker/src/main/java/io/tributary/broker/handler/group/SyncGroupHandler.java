package io.tributary.broker.handler.group;

import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.wire.api.syncgroup.SyncGroupRequest;
import io.tributary.wire.api.syncgroup.SyncGroupResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** SyncGroup: the leader's assignments go to the shard, which answers each member with its own once stored. */
public final class SyncGroupHandler implements ApiHandler<SyncGroupRequest, SyncGroupResponse> {

    private final GroupCoordinatorRuntime coordinator;

    public SyncGroupHandler(GroupCoordinatorRuntime coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<SyncGroupResponse> handle(RequestContext ctx, SyncGroupRequest r) {
        Map<String, byte[]> assignments = new HashMap<>();
        for (SyncGroupRequest.Assignment a : r.assignments()) {
            assignments.put(GroupWire.orEmpty(a.memberId()), GroupWire.bytes(a.assignment()));
        }
        var request = new io.tributary.coordinator.api.SyncGroupRequest(GroupWire.orEmpty(r.groupId()), r.generationId(),
                GroupWire.orEmpty(r.memberId()), r.groupInstanceId(), r.protocolType(), r.protocolName(), assignments);
        return coordinator.handle(request.groupId(), request).thenApply(resp -> {
            var s = (io.tributary.coordinator.api.SyncGroupResponse) resp;
            return new SyncGroupResponse(0, s.error(), s.protocolType(), s.protocolName(), GroupWire.buffer(s.assignment()));
        });
    }
}

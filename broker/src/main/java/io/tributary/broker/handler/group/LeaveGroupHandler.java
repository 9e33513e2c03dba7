package io.tributary.broker.handler.group;

import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.coordinator.api.LeaveGroupRequest.LeavingMember;
import io.tributary.wire.api.leavegroup.LeaveGroupRequest;
import io.tributary.wire.api.leavegroup.LeaveGroupResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** LeaveGroup: one member before v3, a batch from v3 (static members by instance id alone, KIP-345). */
public final class LeaveGroupHandler implements ApiHandler<LeaveGroupRequest, LeaveGroupResponse> {

    private final GroupCoordinatorRuntime coordinator;

    public LeaveGroupHandler(GroupCoordinatorRuntime coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<LeaveGroupResponse> handle(RequestContext ctx, LeaveGroupRequest r) {
        List<LeavingMember> members = new ArrayList<>(r.members().size());
        for (LeaveGroupRequest.Member m : r.members()) {
            members.add(new LeavingMember(GroupWire.orEmpty(m.memberId()), m.groupInstanceId()));
        }
        var request = new io.tributary.coordinator.api.LeaveGroupRequest(GroupWire.orEmpty(r.groupId()), members);
        return coordinator.handle(request.groupId(), request).thenApply(resp -> {
            var l = (io.tributary.coordinator.api.LeaveGroupResponse) resp;
            List<LeaveGroupResponse.Member> out = new ArrayList<>(l.members().size());
            for (var m : l.members()) {
                out.add(new LeaveGroupResponse.Member(m.memberId(), m.groupInstanceId(), m.error()));
            }
            return new LeaveGroupResponse(0, l.error(), out);
        });
    }
}

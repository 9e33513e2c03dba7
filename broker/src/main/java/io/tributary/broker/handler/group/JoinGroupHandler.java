package io.tributary.broker.handler.group;

import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.coordinator.api.JoinGroupResponse.JoinedMember;
import io.tributary.coordinator.api.Protocol;
import io.tributary.wire.api.joingroup.JoinGroupRequest;
import io.tributary.wire.api.joingroup.JoinGroupResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * JoinGroup: to the group's coordinator shard, which parks it until the join phase ends. The
 * version goes along (v4+ new members get MEMBER_ID_REQUIRED first); the codec already reads a v0
 * rebalance timeout as the session timeout.
 */
public final class JoinGroupHandler implements ApiHandler<JoinGroupRequest, JoinGroupResponse> {

    private final GroupCoordinatorRuntime coordinator;

    public JoinGroupHandler(GroupCoordinatorRuntime coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<JoinGroupResponse> handle(RequestContext ctx, JoinGroupRequest r) {
        List<Protocol> protocols = new ArrayList<>(r.protocols().size());
        for (JoinGroupRequest.Protocol p : r.protocols()) {
            protocols.add(new Protocol(GroupWire.orEmpty(p.name()), GroupWire.bytes(p.metadata())));
        }
        var request = new io.tributary.coordinator.api.JoinGroupRequest(ctx.header().apiVersion(), GroupWire.orEmpty(r.groupId()),
                GroupWire.orEmpty(r.memberId()), r.groupInstanceId(), GroupWire.orEmpty(r.protocolType()), protocols,
                r.sessionTimeoutMs(), r.rebalanceTimeoutMs(), GroupWire.orEmpty(ctx.clientId()), GroupWire.clientHost(ctx));
        return coordinator.handle(request.groupId(), request).thenApply(resp -> {
            var j = (io.tributary.coordinator.api.JoinGroupResponse) resp;
            List<JoinGroupResponse.Member> members = new ArrayList<>(j.members().size());
            for (JoinedMember m : j.members()) {
                members.add(new JoinGroupResponse.Member(m.memberId(), m.groupInstanceId(), GroupWire.buffer(m.metadata())));
            }
            return new JoinGroupResponse(0, j.error(), j.generationId(), j.protocolType(), j.protocolName(),
                    GroupWire.orEmpty(j.leaderId()), false, GroupWire.orEmpty(j.memberId()), members);
        });
    }
}

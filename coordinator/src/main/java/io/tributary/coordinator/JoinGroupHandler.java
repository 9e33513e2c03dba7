package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.coordinator.api.JoinGroupRequest;
import io.tributary.coordinator.api.JoinGroupResponse;
import io.tributary.coordinator.api.SyncGroupResponse;
import io.tributary.coordinator.group.ClassicGroup;
import io.tributary.coordinator.group.ClassicGroupState;
import io.tributary.coordinator.group.ClassicMember;
import io.tributary.coordinator.record.GroupMetadataRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * JoinGroup, as Kafka's classic protocol answers it. A new dynamic member is first sent
 * MEMBER_ID_REQUIRED with its id (v4+, KIP-394) and joins when it comes back with it; a static
 * member (KIP-345) that returns without its member id takes a new one and fences the old, without
 * a rebalance when its protocols are unchanged; a known member rejoining starts or joins a
 * rebalance, except a follower rejoining with the same metadata, which just gets the current
 * generation back.
 */
final class JoinGroupHandler {

    private static final Logger log = LoggerFactory.getLogger(JoinGroupHandler.class);
    /** JoinGroup v4 introduced MEMBER_ID_REQUIRED. */
    private static final int MEMBER_ID_REQUIRED_VERSION = 4;

    private final ShardContext ctx;
    private final ClassicRebalance rebalance;

    JoinGroupHandler(ShardContext ctx, ClassicRebalance rebalance) {
        this.ctx = ctx;
        this.rebalance = rebalance;
    }

    void join(long requestId, JoinGroupRequest req) {
        String memberId = req.memberId();
        if (req.groupId().isEmpty()) {
            ctx.reply(requestId, JoinGroupResponse.error(memberId, ErrorCode.INVALID_GROUP_ID));
            return;
        }
        if (req.sessionTimeoutMs() < ctx.config.groupMinSessionTimeoutMs()
                || req.sessionTimeoutMs() > ctx.config.groupMaxSessionTimeoutMs()) {
            ctx.reply(requestId, JoinGroupResponse.error(memberId, ErrorCode.INVALID_SESSION_TIMEOUT));
            return;
        }
        ClassicGroup group = ctx.classic(req.groupId());
        if (group == null) {
            if (!memberId.isEmpty()) {
                ctx.reply(requestId, JoinGroupResponse.error(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
                return;
            }
            group = new ClassicGroup(req.groupId());
            ctx.groups.put(req.groupId(), group);
        }
        if (memberId.isEmpty()) {
            joinNewMember(requestId, group, req);
        } else {
            joinKnownMember(requestId, group, req);
        }
        rebalance.tryComplete(group);
        ctx.dropIfUnused(group);
    }

    private void joinNewMember(long requestId, ClassicGroup group, JoinGroupRequest req) {
        String instanceId = req.groupInstanceId();
        ClassicMember existingStatic = instanceId == null ? null : group.member(group.staticMemberId(instanceId));
        if (existingStatic == null && group.size() >= ctx.config.groupMaxSize()) {
            ctx.reply(requestId, JoinGroupResponse.error("", ErrorCode.GROUP_MAX_SIZE_REACHED));
            return;
        }
        if (!group.supportsProtocols(req.protocolType(), req.protocols())) {
            ctx.reply(requestId, JoinGroupResponse.error("", ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
            return;
        }
        String newMemberId = ctx.memberIds.next(req.clientId(), instanceId);
        if (existingStatic != null) {
            replaceStaticMember(requestId, group, existingStatic, newMemberId, req);
        } else if (instanceId == null && req.apiVersion() >= MEMBER_ID_REQUIRED_VERSION) {
            group.addPending(newMemberId);
            ctx.timers.schedule(ClassicRebalance.pendingKey(group, newMemberId), ctx.nowMs() + req.sessionTimeoutMs());
            ctx.reply(requestId, JoinGroupResponse.error(newMemberId, ErrorCode.MEMBER_ID_REQUIRED));
        } else {
            addMemberAndRebalance(requestId, group, newMemberId, req);
        }
    }

    private void joinKnownMember(long requestId, ClassicGroup group, JoinGroupRequest req) {
        String memberId = req.memberId();
        if (!group.supportsProtocols(req.protocolType(), req.protocols())) {
            ctx.reply(requestId, JoinGroupResponse.error(memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
            return;
        }
        if (group.isPending(memberId)) {
            // A static member is never pending: it joins without MEMBER_ID_REQUIRED.
            ctx.timers.cancel(ClassicRebalance.pendingKey(group, memberId));
            addMemberAndRebalance(requestId, group, memberId, req);
            return;
        }
        if (group.isStaticMemberFenced(memberId, req.groupInstanceId())) {
            ctx.reply(requestId, JoinGroupResponse.error(memberId, ErrorCode.FENCED_INSTANCE_ID));
            return;
        }
        ClassicMember member = group.member(memberId);
        boolean unknownInstance = req.groupInstanceId() != null && group.staticMemberId(req.groupInstanceId()) == null;
        if (member == null || unknownInstance) {
            ctx.reply(requestId, JoinGroupResponse.error(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
            return;
        }
        switch (group.state()) {
            case PREPARING_REBALANCE -> updateMemberAndRebalance(requestId, group, member, req);
            case COMPLETING_REBALANCE -> {
                if (member.matches(req.protocols())) {
                    // The member lost its JoinGroup answer: give it the current generation again.
                    ctx.reply(requestId, rebalance.joinResponse(group, member, group.isLeader(memberId)));
                } else {
                    updateMemberAndRebalance(requestId, group, member, req);
                }
            }
            case STABLE -> {
                if (group.isLeader(memberId) || !member.matches(req.protocols())) {
                    // The leader rejoining asks for a new assignment (e.g. the topics' partitions changed).
                    updateMemberAndRebalance(requestId, group, member, req);
                } else {
                    ctx.reply(requestId, rebalance.joinResponse(group, member, false));
                }
            }
            default -> ctx.reply(requestId, JoinGroupResponse.error(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
        }
    }

    private void addMemberAndRebalance(long requestId, ClassicGroup group, String memberId, JoinGroupRequest req) {
        ClassicMember member = new ClassicMember(memberId, req.groupInstanceId(), req.clientId(), req.clientHost(),
                req.rebalanceTimeoutMs(), req.sessionTimeoutMs(), req.protocols());
        member.isNew(true);
        member.awaitJoin(requestId);
        group.add(member, req.protocolType());
        group.joinPhase().memberAdded();
        // A new member cannot heartbeat before its first JoinGroup answer; it is dropped if that
        // answer takes longer than this, so a client that gave up does not linger in the group.
        rebalance.scheduleHeartbeat(group, member, ctx.config.newMemberJoinTimeoutMs());
        rebalance.maybePrepare(group, "member " + memberId + " joined");
    }

    private void updateMemberAndRebalance(long requestId, ClassicGroup group, ClassicMember member,
                                          JoinGroupRequest req) {
        member.update(req.protocols(), req.rebalanceTimeoutMs(), req.sessionTimeoutMs(), req.clientId(), req.clientHost());
        long superseded = member.awaitJoin(requestId);
        if (superseded != ClassicMember.NO_REQUEST) {
            ctx.reply(superseded, JoinGroupResponse.error(member.memberId(), ErrorCode.REBALANCE_IN_PROGRESS));
        }
        rebalance.maybePrepare(group, "member " + member.memberId() + " rejoined");
    }

    /**
     * A static member came back without its member id (it restarted): the new id replaces the old,
     * whose parked requests are answered FENCED_INSTANCE_ID. In a Stable group whose selected
     * protocol stays the same with the member's new protocols, the group stays Stable, the replacement is persisted, and the answer (released with
     * that record) names the old leader id so that the returning member, even if it led, does not
     * compute an assignment that a Stable group would not distribute; it gets its assignment with
     * SyncGroup.
     */
    private void replaceStaticMember(long requestId, ClassicGroup group, ClassicMember old, String newMemberId,
                                     JoinGroupRequest req) {
        String oldLeaderId = group.leaderId();
        long oldJoin = old.awaitJoin(ClassicMember.NO_REQUEST);
        if (oldJoin != ClassicMember.NO_REQUEST) {
            ctx.reply(oldJoin, JoinGroupResponse.error(old.memberId(), ErrorCode.FENCED_INSTANCE_ID));
        }
        long oldSync = old.awaitSync(ClassicMember.NO_REQUEST);
        if (oldSync != ClassicMember.NO_REQUEST) {
            ctx.reply(oldSync, SyncGroupResponse.error(ErrorCode.FENCED_INSTANCE_ID));
        }
        rebalance.cancelHeartbeat(group, old.memberId());
        ClassicMember member = group.replaceStatic(old, newMemberId);
        log.info("Static member {} of group {} returns as {} (was {})", req.groupInstanceId(), group.groupId(),
                newMemberId, old.memberId());
        rebalance.scheduleHeartbeat(group, member, req.sessionTimeoutMs());
        ClassicGroupState state = group.state();
        member.update(req.protocols(), req.rebalanceTimeoutMs(), req.sessionTimeoutMs(), req.clientId(), req.clientHost());
        // As Kafka: only a change of the protocol the group would select rebalances it. The metadata
        // itself may differ: the Java client's subscription carries its owned partitions and last
        // generation, which a restarted member no longer has.
        boolean sameProtocols = group.protocolName() != null && group.protocolName().equals(group.selectProtocol());
        if (state == ClassicGroupState.PREPARING_REBALANCE || !sameProtocols) {
            updateMemberAndRebalance(requestId, group, member, req);
            return;
        }
        if (state == ClassicGroupState.STABLE) {
            ctx.append(new GroupMetadataRecord(group.groupId(), group.toRecordValue(group.assignments(), ctx.nowMs())));
        }
        ctx.reply(requestId, new JoinGroupResponse(ErrorCode.NONE, group.generationId(), group.protocolType(),
                group.protocolName(), oldLeaderId, newMemberId, List.of()));
    }
}

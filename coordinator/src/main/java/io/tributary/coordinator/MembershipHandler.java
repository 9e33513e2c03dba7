package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.coordinator.api.HeartbeatRequest;
import io.tributary.coordinator.api.HeartbeatResponse;
import io.tributary.coordinator.api.LeaveGroupRequest;
import io.tributary.coordinator.api.LeaveGroupResponse;
import io.tributary.coordinator.api.SyncGroupRequest;
import io.tributary.coordinator.api.SyncGroupResponse;
import io.tributary.coordinator.group.ClassicGroup;
import io.tributary.coordinator.group.ClassicGroupState;
import io.tributary.coordinator.group.ClassicMember;
import io.tributary.coordinator.record.GroupMetadataRecord;

import java.util.ArrayList;
import java.util.List;

/** SyncGroup, Heartbeat and LeaveGroup of the classic protocol. */
final class MembershipHandler {

    private final ShardContext ctx;
    private final ClassicRebalance rebalance;

    MembershipHandler(ShardContext ctx, ClassicRebalance rebalance) {
        this.ctx = ctx;
        this.rebalance = rebalance;
    }

    /**
     * A follower's SyncGroup waits for the leader's; the leader's stores the generation with its
     * assignment (missing members get an empty one), which makes the group Stable, and answers
     * every waiting member, all released once that record commits.
     */
    void sync(long requestId, SyncGroupRequest req) {
        ClassicGroup group = ctx.classic(req.groupId());
        ErrorCode error = validate(group, req.memberId(), req.groupInstanceId(), req.generationId());
        if (error == ErrorCode.NONE && (req.protocolType() != null && !req.protocolType().equals(group.protocolType())
                || req.protocolName() != null && !req.protocolName().equals(group.protocolName()))) {
            error = ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
        }
        if (error != ErrorCode.NONE) {
            ctx.reply(requestId, SyncGroupResponse.error(error));
            return;
        }
        ClassicMember member = group.member(req.memberId());
        switch (group.state()) {
            case EMPTY -> ctx.reply(requestId, SyncGroupResponse.error(ErrorCode.UNKNOWN_MEMBER_ID));
            case PREPARING_REBALANCE -> ctx.reply(requestId, SyncGroupResponse.error(ErrorCode.REBALANCE_IN_PROGRESS));
            case COMPLETING_REBALANCE -> {
                rebalance.onSynced(group, req.memberId());
                long superseded = member.awaitSync(requestId);
                if (superseded != ClassicMember.NO_REQUEST) {
                    ctx.reply(superseded, SyncGroupResponse.error(ErrorCode.REBALANCE_IN_PROGRESS));
                }
                if (group.isLeader(req.memberId())) {
                    ctx.append(new GroupMetadataRecord(group.groupId(),
                            group.toRecordValue(req.assignments(), ctx.nowMs())));
                    for (ClassicMember m : group.members()) {
                        long parked = m.awaitSync(ClassicMember.NO_REQUEST);
                        if (parked != ClassicMember.NO_REQUEST) {
                            ctx.reply(parked, assignmentOf(group, m));
                        }
                        rebalance.scheduleHeartbeat(group, m, m.sessionTimeoutMs());
                    }
                }
            }
            case STABLE -> {
                rebalance.onSynced(group, req.memberId());
                ctx.reply(requestId, assignmentOf(group, member));
                rebalance.scheduleHeartbeat(group, member, member.sessionTimeoutMs());
            }
            default -> throw new IllegalStateException("group " + group.groupId() + " is " + group.state());
        }
    }

    private static SyncGroupResponse assignmentOf(ClassicGroup group, ClassicMember member) {
        return new SyncGroupResponse(ErrorCode.NONE, group.protocolType(), group.protocolName(), member.assignment());
    }

    void heartbeat(long requestId, HeartbeatRequest req) {
        ClassicGroup group = ctx.classic(req.groupId());
        ErrorCode error = validate(group, req.memberId(), req.groupInstanceId(), req.generationId());
        if (error == ErrorCode.NONE) {
            ClassicMember member = group.member(req.memberId());
            switch (group.state()) {
                case EMPTY -> error = ErrorCode.UNKNOWN_MEMBER_ID;
                case PREPARING_REBALANCE -> {
                    rebalance.scheduleHeartbeat(group, member, member.sessionTimeoutMs());
                    error = ErrorCode.REBALANCE_IN_PROGRESS;
                }
                // Members heartbeat between their JoinGroup answer and their SyncGroup; a member that
                // never syncs is removed when the sync phase times out instead.
                case COMPLETING_REBALANCE, STABLE -> rebalance.scheduleHeartbeat(group, member, member.sessionTimeoutMs());
                default -> throw new IllegalStateException("group " + group.groupId() + " is " + group.state());
            }
        }
        ctx.reply(requestId, new HeartbeatResponse(error));
    }

    /**
     * The member checks SyncGroup and Heartbeat share: a fenced static instance, an unknown member,
     * a stale generation.
     */
    private static ErrorCode validate(ClassicGroup group, String memberId, String groupInstanceId, int generationId) {
        if (group == null) {
            return ErrorCode.UNKNOWN_MEMBER_ID;
        }
        if (group.isStaticMemberFenced(memberId, groupInstanceId)) {
            return ErrorCode.FENCED_INSTANCE_ID;
        }
        if (!group.has(memberId)) {
            return ErrorCode.UNKNOWN_MEMBER_ID;
        }
        if (generationId != group.generationId()) {
            return ErrorCode.ILLEGAL_GENERATION;
        }
        return ErrorCode.NONE;
    }

    /**
     * Removes each named member: by member id, or a static member by instance id alone. A pending
     * member (sent MEMBER_ID_REQUIRED, not joined yet) is just forgotten.
     */
    void leave(long requestId, LeaveGroupRequest req) {
        ClassicGroup group = ctx.classic(req.groupId());
        List<LeaveGroupResponse.MemberResult> results = new ArrayList<>();
        for (LeaveGroupRequest.LeavingMember leaving : req.members()) {
            results.add(new LeaveGroupResponse.MemberResult(leaving.memberId(), leaving.groupInstanceId(),
                    group == null ? ErrorCode.UNKNOWN_MEMBER_ID : leaveOne(group, leaving)));
        }
        ctx.reply(requestId, new LeaveGroupResponse(ErrorCode.NONE, results));
        if (group != null) {
            ctx.dropIfUnused(group);
        }
    }

    private ErrorCode leaveOne(ClassicGroup group, LeaveGroupRequest.LeavingMember leaving) {
        String memberId = leaving.memberId();
        String instanceId = leaving.groupInstanceId();
        if (!memberId.isEmpty() && group.isStaticMemberFenced(memberId, instanceId)) {
            return ErrorCode.FENCED_INSTANCE_ID;
        }
        if (group.isPending(memberId)) {
            ctx.timers.cancel(ClassicRebalance.pendingKey(group, memberId));
            rebalance.onPendingMemberExpired(group, memberId);
            return ErrorCode.NONE;
        }
        String staticId = group.staticMemberId(instanceId);
        ClassicMember member = group.member(staticId != null ? staticId : memberId);
        if (member == null) {
            return ErrorCode.UNKNOWN_MEMBER_ID;
        }
        rebalance.removeMember(group, member, "left the group");
        return ErrorCode.NONE;
    }

    /** Whether a group in this state has a generation members may commit offsets in. */
    static boolean acceptsMemberCommits(ClassicGroupState state) {
        return state == ClassicGroupState.STABLE || state == ClassicGroupState.PREPARING_REBALANCE;
    }
}

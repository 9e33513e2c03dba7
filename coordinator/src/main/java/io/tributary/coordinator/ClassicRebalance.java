package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.coordinator.api.JoinGroupResponse;
import io.tributary.coordinator.api.SyncGroupResponse;
import io.tributary.coordinator.group.ClassicGroup;
import io.tributary.coordinator.group.ClassicGroupState;
import io.tributary.coordinator.group.ClassicMember;
import io.tributary.coordinator.record.GroupMetadataRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rebalance of a classic group, as Kafka's classic protocol runs it: preparing (waiting for
 * members to rejoin, bounded by the largest rebalance timeout, or by
 * {@code group.initial.rebalance.delay.ms} steps for a group that was Empty), completing (a new
 * generation, join answers sent, waiting for the leader's assignment), and the removal of members
 * whose session lapsed or who left. Every parked JoinGroup or SyncGroup gets exactly one answer.
 */
final class ClassicRebalance {

    private static final Logger log = LoggerFactory.getLogger(ClassicRebalance.class);

    private final ShardContext ctx;

    ClassicRebalance(ShardContext ctx) {
        this.ctx = ctx;
    }

    void maybePrepare(ClassicGroup group, String reason) {
        if (group.isInState(ClassicGroupState.STABLE) || group.isInState(ClassicGroupState.COMPLETING_REBALANCE)
                || group.isInState(ClassicGroupState.EMPTY)) {
            prepare(group, reason);
        }
    }

    private void prepare(ClassicGroup group, String reason) {
        if (group.isInState(ClassicGroupState.COMPLETING_REBALANCE)) {
            // Members waiting for the leader's assignment will not get one: they must rejoin.
            for (ClassicMember m : group.members()) {
                long parked = m.awaitSync(ClassicMember.NO_REQUEST);
                if (parked != ClassicMember.NO_REQUEST) {
                    ctx.reply(parked, SyncGroupResponse.error(ErrorCode.REBALANCE_IN_PROGRESS));
                }
            }
        }
        boolean wasEmpty = group.isInState(ClassicGroupState.EMPTY);
        group.clearPendingSync();
        ctx.timers.cancel(syncKey(group));
        group.transitionTo(ClassicGroupState.PREPARING_REBALANCE, ctx.nowMs());
        long waitMs;
        if (wasEmpty) {
            int delayMs = ctx.config.groupInitialRebalanceDelayMs();
            group.joinPhase().startInitialDelay(Math.max(group.rebalanceTimeoutMs() - delayMs, 0));
            waitMs = delayMs;
        } else {
            group.joinPhase().clear();
            waitMs = group.rebalanceTimeoutMs();
        }
        ctx.timers.schedule(joinKey(group), ctx.nowMs() + waitMs);
        log.info("Preparing to rebalance group {} with old generation {} ({})", group.groupId(), group.generationId(), reason);
    }

    /** Completes the join phase now if every member has rejoined (never during the initial delay). */
    void tryComplete(ClassicGroup group) {
        if (group.isInState(ClassicGroupState.PREPARING_REBALANCE) && !group.joinPhase().initialDelay()
                && group.hasAllMembersJoined()) {
            complete(group);
        }
    }

    void onJoinDeadline(ClassicGroup group) {
        if (!group.isInState(ClassicGroupState.PREPARING_REBALANCE)) {
            throw new IllegalStateException("join deadline of group " + group.groupId() + " in " + group.state()
                    + ": only a join phase schedules one, and completing it cancels it");
        }
        ClassicGroup.JoinPhase phase = group.joinPhase();
        if (phase.initialDelay() && phase.newMemberAdded() && phase.remainingDelayMs() > 0) {
            long delayMs = Math.min(ctx.config.groupInitialRebalanceDelayMs(), phase.remainingDelayMs());
            phase.extend(delayMs);
            ctx.timers.schedule(joinKey(group), ctx.nowMs() + delayMs);
            return;
        }
        complete(group);
    }

    /**
     * Ends the join phase: members that did not rejoin are removed; a group left with no member
     * becomes Empty in a new generation, which is persisted; otherwise the next generation starts
     * and every member gets its JoinGroup answer, the leader with the members' metadata.
     */
    private void complete(ClassicGroup group) {
        ctx.timers.cancel(joinKey(group));
        group.joinPhase().clear();
        List<ClassicMember> notRejoined = new ArrayList<>();
        for (ClassicMember m : group.members()) {
            if (!m.isAwaitingJoin()) {
                notRejoined.add(m);
            }
        }
        for (ClassicMember m : notRejoined) {
            dropMember(group, m);
        }
        group.electJoinedLeader();
        group.initNextGeneration(ctx.nowMs());
        if (group.isEmpty()) {
            log.info("Group {} is empty in generation {}", group.groupId(), group.generationId());
            ctx.append(new GroupMetadataRecord(group.groupId(), group.toRecordValue(Map.of(), ctx.nowMs())));
            return;
        }
        log.info("Group {} starts generation {} with {} members, protocol {}", group.groupId(), group.generationId(),
                group.size(), group.protocolName());
        for (ClassicMember m : group.members()) {
            long parked = m.awaitJoin(ClassicMember.NO_REQUEST);
            ctx.reply(parked, joinResponse(group, m, group.isLeader(m.memberId())));
            m.isNew(false);
            scheduleHeartbeat(group, m, m.sessionTimeoutMs());
        }
        group.startPendingSync();
        ctx.timers.schedule(syncKey(group), ctx.nowMs() + group.rebalanceTimeoutMs());
    }

    /**
     * The sync phase timed out (Kafka 3.2+): members of this generation that never sent a
     * SyncGroup are removed, and the group rebalances without them, so that one stuck member, the
     * leader above all, cannot hold the group in CompletingRebalance while heartbeating.
     */
    void onSyncDeadline(ClassicGroup group) {
        if (!group.isInState(ClassicGroupState.COMPLETING_REBALANCE) && !group.isInState(ClassicGroupState.STABLE)) {
            return;
        }
        for (String memberId : group.pendingSyncMembers()) {
            ClassicMember member = group.member(memberId);
            if (member != null) {
                removeMember(group, member, "sent no SyncGroup within the rebalance timeout");
            }
        }
    }

    /** A member of the current generation synced. */
    void onSynced(ClassicGroup group, String memberId) {
        if (group.synced(memberId)) {
            ctx.timers.cancel(syncKey(group));
        }
    }

    JoinGroupResponse joinResponse(ClassicGroup group, ClassicMember member, boolean withMembers) {
        List<JoinGroupResponse.JoinedMember> members = new ArrayList<>();
        if (withMembers) {
            for (ClassicMember m : group.members()) {
                members.add(new JoinGroupResponse.JoinedMember(m.memberId(), m.groupInstanceId(),
                        m.metadata(group.protocolName())));
            }
        }
        return new JoinGroupResponse(ErrorCode.NONE, group.generationId(), group.protocolType(), group.protocolName(),
                group.leaderId(), member.memberId(), members);
    }

    /**
     * Removes a member that left or whose session lapsed, answering any request it has parked,
     * and rebalances the rest.
     */
    void removeMember(ClassicGroup group, ClassicMember member, String reason) {
        dropMember(group, member);
        log.info("Member {} leaves group {} ({})", member.memberId(), group.groupId(), reason);
        switch (group.state()) {
            case STABLE, COMPLETING_REBALANCE -> maybePrepare(group, "member " + member.memberId() + " " + reason);
            case PREPARING_REBALANCE -> tryComplete(group);
            default -> {
            }
        }
    }

    private void dropMember(ClassicGroup group, ClassicMember member) {
        long join = member.awaitJoin(ClassicMember.NO_REQUEST);
        if (join != ClassicMember.NO_REQUEST) {
            ctx.reply(join, JoinGroupResponse.error("", ErrorCode.UNKNOWN_MEMBER_ID));
        }
        long sync = member.awaitSync(ClassicMember.NO_REQUEST);
        if (sync != ClassicMember.NO_REQUEST) {
            ctx.reply(sync, SyncGroupResponse.error(ErrorCode.UNKNOWN_MEMBER_ID));
        }
        ctx.timers.cancel(heartbeatKey(group, member.memberId()));
        group.remove(member.memberId());
    }

    /**
     * A member's deadline passed. As in Kafka, a member whose JoinGroup or SyncGroup is parked
     * cannot heartbeat and is kept alive (the rebalance timeout bounds the wait instead), except a
     * new member whose first JoinGroup waited longer than the new-member join timeout.
     */
    void onHeartbeatExpired(ClassicGroup group, String memberId) {
        ClassicMember member = group.member(memberId);
        if (member == null) {
            return;
        }
        boolean parked = member.isAwaitingJoin() && !member.isNew()
                || member.awaitingSyncRequestId() != ClassicMember.NO_REQUEST;
        if (parked) {
            scheduleHeartbeat(group, member, member.sessionTimeoutMs());
            return;
        }
        removeMember(group, member, "session timed out");
    }

    void onPendingMemberExpired(ClassicGroup group, String memberId) {
        if (group.removePending(memberId)) {
            tryComplete(group);
            ctx.dropIfUnused(group);
        }
    }

    void scheduleHeartbeat(ClassicGroup group, ClassicMember member, long timeoutMs) {
        ctx.timers.schedule(heartbeatKey(group, member.memberId()), ctx.nowMs() + timeoutMs);
    }

    void cancelHeartbeat(ClassicGroup group, String memberId) {
        ctx.timers.cancel(heartbeatKey(group, memberId));
    }

    static Timers.Key joinKey(ClassicGroup group) {
        return new Timers.Key(Timers.Kind.JOIN, group.groupId(), "");
    }

    static Timers.Key syncKey(ClassicGroup group) {
        return new Timers.Key(Timers.Kind.SYNC, group.groupId(), "");
    }

    static Timers.Key heartbeatKey(ClassicGroup group, String memberId) {
        return new Timers.Key(Timers.Kind.HEARTBEAT, group.groupId(), memberId);
    }

    static Timers.Key pendingKey(ClassicGroup group, String memberId) {
        return new Timers.Key(Timers.Kind.PENDING_MEMBER, group.groupId(), memberId);
    }
}

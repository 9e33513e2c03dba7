package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.coordinator.api.CoordinatorRequest;
import io.tributary.coordinator.api.CoordinatorResponse;
import io.tributary.coordinator.api.DeleteGroupsRequest;
import io.tributary.coordinator.api.DescribeGroupsRequest;
import io.tributary.coordinator.api.HeartbeatRequest;
import io.tributary.coordinator.api.HeartbeatResponse;
import io.tributary.coordinator.api.JoinGroupRequest;
import io.tributary.coordinator.api.JoinGroupResponse;
import io.tributary.coordinator.api.LeaveGroupRequest;
import io.tributary.coordinator.api.ListGroupsRequest;
import io.tributary.coordinator.api.OffsetCommitRequest;
import io.tributary.coordinator.api.OffsetDeleteRequest;
import io.tributary.coordinator.api.OffsetFetchRequest;
import io.tributary.coordinator.api.Reply;
import io.tributary.coordinator.api.SyncGroupRequest;
import io.tributary.coordinator.api.SyncGroupResponse;
import io.tributary.coordinator.api.TopicsDeletedRequest;
import io.tributary.coordinator.group.ClassicGroup;
import io.tributary.coordinator.group.ClassicMember;
import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.record.CoordinatorRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The group coordinator for the groups of one {@code __consumer_offsets} partition, as a pure
 * state machine: no threads, sockets, files or clocks. The broker feeds it records, requests and
 * the time, and carries out the {@link ShardOutput} each step returns.
 *
 * <p>Lifecycle (anything else throws {@link IllegalStateException}):
 * <pre>
 *   LOADING --replay(offset, record)--> LOADING      (offsets strictly grow; every record of the partition, in order)
 *   LOADING --activate(logEndOffset, nowMs)--> ACTIVE (sessions of loaded members start counting at nowMs)
 *   LOADING --handle(...)--> LOADING                 (answered COORDINATOR_LOAD_IN_PROGRESS, as Kafka does)
 *   ACTIVE  --handle(requestId, request, nowMs) / tick(nowMs)--> ACTIVE
 *   any     --unload()--> UNLOADED                   (parked requests answered NOT_COORDINATOR)
 *   UNLOADED --handle(...)--> UNLOADED               (answered NOT_COORDINATOR)
 * </pre>
 * Time must not go backwards across calls.
 *
 * <p>Persisted state (groups' generations, committed offsets) changes only by replaying records:
 * the records of the log while loading, and on an active shard the records its own commands
 * write, which it replays as it emits them so the next command sees them. Rebalance state (parked
 * JoinGroup and SyncGroup requests, join phases, session deadlines) lives beside it, in memory,
 * and starts empty on every load.
 */
public final class GroupCoordinatorShard {

    private enum Phase { LOADING, ACTIVE, UNLOADED }

    private final ShardContext ctx;
    private final ClassicRebalance rebalance;
    private final JoinGroupHandler joins;
    private final MembershipHandler membership;
    private final OffsetHandler offsets;
    private final GroupAdminHandler admin;
    private Phase phase = Phase.LOADING;
    private long lastReplayedOffset = -1;
    private long lastNowMs = Long.MIN_VALUE;

    /**
     * @param random the source of member ids; pass a seeded one for a reproducible simulation
     */
    public GroupCoordinatorShard(GroupCoordinatorConfig config, RandomGenerator random) {
        this.ctx = new ShardContext(config, new MemberIds(random));
        this.rebalance = new ClassicRebalance(ctx);
        this.joins = new JoinGroupHandler(ctx, rebalance);
        this.membership = new MembershipHandler(ctx, rebalance);
        this.offsets = new OffsetHandler(ctx, rebalance);
        this.admin = new GroupAdminHandler(ctx);
    }

    /** Applies one record read from the partition while loading. O(1) for an offset record. */
    public void replay(long offset, CoordinatorRecord record) {
        loadedAt(offset);
        ctx.replay(record);
        ctx.loadedUpTo(offset + 1);
    }

    /**
     * Applies what remains of an offset commit (not a tombstone) of {@code groupId} that a later
     * record of the same key, replayed after it, replaces: its group exists. For {@link ShardLoader}.
     */
    void replayReplacedCommit(long offset, String groupId) {
        loadedAt(offset);
        ctx.replayReplacedCommit(groupId);
        ctx.loadedUpTo(offset + 1);
    }

    private void loadedAt(long offset) {
        if (phase != Phase.LOADING) {
            throw new IllegalStateException("replay(" + offset + ") on a " + phase + " shard: an active shard"
                    + " applies its own records as it writes them");
        }
        if (offset <= lastReplayedOffset) {
            throw new IllegalStateException("replay offset " + offset + " after " + lastReplayedOffset);
        }
        lastReplayedOffset = offset;
    }

    /**
     * Ends the load: the log ends at {@code logEndOffset} (the next offset this shard's records
     * will take). Every loaded member's session starts now, so members that are gone expire and
     * the others carry on with their generation. A group over {@code group.max.size} (the setting
     * shrank) rebalances.
     */
    public ShardOutput activate(long logEndOffset, long nowMs) {
        if (phase != Phase.LOADING) {
            throw new IllegalStateException("activate on a " + phase + " shard");
        }
        if (logEndOffset <= lastReplayedOffset) {
            throw new IllegalArgumentException("log end " + logEndOffset + " is not past the last replayed offset "
                    + lastReplayedOffset);
        }
        phase = Phase.ACTIVE;
        ctx.activate(logEndOffset);
        begin(nowMs);
        for (Group g : List.copyOf(ctx.groups.values())) {
            if (g instanceof ClassicGroup classic) {
                for (ClassicMember m : classic.members()) {
                    rebalance.scheduleHeartbeat(classic, m, m.sessionTimeoutMs());
                }
                if (classic.size() > ctx.config.groupMaxSize()) {
                    rebalance.maybePrepare(classic, "loaded with more members than group.max.size");
                }
            }
        }
        ctx.timers.schedule(expiryKey(), nowMs + ctx.config.offsetsRetentionCheckIntervalMs());
        return ctx.finishStep();
    }

    /**
     * Handles one request. {@code requestId} is the broker's handle on the request (unique among
     * requests not yet answered); the reply carries it back, in this output or a later one.
     */
    public ShardOutput handle(long requestId, CoordinatorRequest request, long nowMs) {
        begin(nowMs);
        if (phase != Phase.ACTIVE) {
            ctx.reply(requestId, shardError(request, phase == Phase.LOADING
                    ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS : ErrorCode.NOT_COORDINATOR));
            return ctx.finishStep();
        }
        if (request instanceof JoinGroupRequest r) {
            joins.join(requestId, r);
        } else if (request instanceof SyncGroupRequest r) {
            membership.sync(requestId, r);
        } else if (request instanceof HeartbeatRequest r) {
            membership.heartbeat(requestId, r);
        } else if (request instanceof LeaveGroupRequest r) {
            membership.leave(requestId, r);
        } else if (request instanceof OffsetCommitRequest r) {
            offsets.commit(requestId, r);
        } else if (request instanceof OffsetFetchRequest r) {
            offsets.fetch(requestId, r);
        } else if (request instanceof OffsetDeleteRequest r) {
            offsets.delete(requestId, r);
        } else if (request instanceof ListGroupsRequest r) {
            admin.list(requestId, r);
        } else if (request instanceof DescribeGroupsRequest r) {
            admin.describe(requestId, r);
        } else if (request instanceof TopicsDeletedRequest r) {
            offsets.topicsDeleted(requestId, r);
        } else {
            admin.delete(requestId, (DeleteGroupsRequest) request);
        }
        return ctx.finishStep();
    }

    /**
     * While loading, Kafka answers a SyncGroup REBALANCE_IN_PROGRESS (older clients do not expect
     * the load error there, and the rebalance state is lost anyway) and a Heartbeat NONE.
     */
    private static CoordinatorResponse shardError(CoordinatorRequest request,
                                                  ErrorCode error) {
        if (error == ErrorCode.COORDINATOR_LOAD_IN_PROGRESS) {
            if (request instanceof SyncGroupRequest) {
                return SyncGroupResponse.error(ErrorCode.REBALANCE_IN_PROGRESS);
            }
            if (request instanceof HeartbeatRequest) {
                return new HeartbeatResponse(ErrorCode.NONE);
            }
        }
        return request.errorResponse(error);
    }

    /** Fires every deadline at or before {@code nowMs}: join and sync phases, sessions, pending members, offset expiry. */
    public ShardOutput tick(long nowMs) {
        begin(nowMs);
        if (phase != Phase.ACTIVE) {
            return ctx.finishStep();
        }
        Timers.Key key;
        while ((key = ctx.timers.pollExpired(nowMs)) != null) {
            if (key.kind() == Timers.Kind.OFFSETS_EXPIRY) {
                offsets.expire();
                ctx.timers.schedule(expiryKey(), nowMs + ctx.config.offsetsRetentionCheckIntervalMs());
                continue;
            }
            ClassicGroup group = ctx.classic(key.groupId());
            if (group == null) {
                continue;
            }
            switch (key.kind()) {
                case JOIN -> rebalance.onJoinDeadline(group);
                case SYNC -> rebalance.onSyncDeadline(group);
                case HEARTBEAT -> rebalance.onHeartbeatExpired(group, key.memberId());
                case PENDING_MEMBER -> rebalance.onPendingMemberExpired(group, key.memberId());
                default -> throw new IllegalStateException("unexpected timer " + key);
            }
        }
        return ctx.finishStep();
    }

    /** When {@link #tick} next has something to do, or {@link Long#MAX_VALUE}. */
    public long nextDeadlineMs() {
        return phase == Phase.ACTIVE ? ctx.timers.nextDeadlineMs() : Long.MAX_VALUE;
    }

    /**
     * Stops serving (leadership moved, or an append failed): every parked request is answered
     * NOT_COORDINATOR. Replies of earlier outputs not yet released are the broker's to fail.
     */
    public List<Reply> unload() {
        List<Reply> out = new ArrayList<>();
        for (Group g : ctx.groups.values()) {
            if (g instanceof ClassicGroup classic) {
                for (ClassicMember m : classic.members()) {
                    long join = m.awaitJoin(ClassicMember.NO_REQUEST);
                    if (join != ClassicMember.NO_REQUEST) {
                        out.add(new Reply(join, JoinGroupResponse.error(m.memberId(), ErrorCode.NOT_COORDINATOR)));
                    }
                    long sync = m.awaitSync(ClassicMember.NO_REQUEST);
                    if (sync != ClassicMember.NO_REQUEST) {
                        out.add(new Reply(sync, SyncGroupResponse.error(ErrorCode.NOT_COORDINATOR)));
                    }
                }
            }
        }
        phase = Phase.UNLOADED;
        return out;
    }

    /** The offset the shard's next record will take. */
    public long logEndOffset() {
        return ctx.logEndOffset();
    }

    /** A read-only look at a group, for tests and the broker's diagnostics; null if unknown. */
    public Group group(String groupId) {
        return ctx.groups.get(groupId);
    }

    /** How many groups and committed offsets the shard holds. */
    public int groupCount() {
        return ctx.groups.size();
    }

    public int offsetCount() {
        return ctx.offsets.size();
    }

    private void begin(long nowMs) {
        if (nowMs < lastNowMs) {
            throw new IllegalArgumentException("time went backwards: " + nowMs + " after " + lastNowMs);
        }
        lastNowMs = nowMs;
        ctx.beginStep(nowMs);
    }

    private static Timers.Key expiryKey() {
        return new Timers.Key(Timers.Kind.OFFSETS_EXPIRY, "", "");
    }
}

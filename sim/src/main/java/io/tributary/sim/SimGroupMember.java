package io.tributary.sim;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.GroupRouting;
import io.tributary.coordinator.api.CoordinatorRequest;
import io.tributary.coordinator.api.CoordinatorResponse;
import io.tributary.coordinator.api.HeartbeatRequest;
import io.tributary.coordinator.api.HeartbeatResponse;
import io.tributary.coordinator.api.JoinGroupRequest;
import io.tributary.coordinator.api.JoinGroupResponse;
import io.tributary.coordinator.api.OffsetCommitRequest;
import io.tributary.coordinator.api.OffsetCommitResponse;
import io.tributary.coordinator.api.PartitionResult;
import io.tributary.coordinator.api.Protocol;
import io.tributary.coordinator.api.SyncGroupRequest;
import io.tributary.coordinator.api.SyncGroupResponse;

import java.util.List;
import java.util.Map;

/**
 * A simulated group client: it finds its group's coordinator (the leader of the group's
 * {@code __consumer_offsets} partition, from a broker's image), joins the group (JoinGroup with
 * MEMBER_ID_REQUIRED, SyncGroup as its only member and so its leader, heartbeats) or, as a "simple"
 * committer, does not join (generation -1), and commits ever larger offsets for one partition. One
 * request is in flight at a time; it retries on NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS,
 * COORDINATOR_NOT_AVAILABLE and timeouts (finding the coordinator again), and rejoins on
 * generation and membership errors, as Kafka's consumer does. Every commit it sends and every one
 * acknowledged goes to {@link CoordinatorChecker}.
 */
final class SimGroupMember {

    private enum Phase { JOIN, SYNC, STABLE }

    private static final int SESSION_TIMEOUT_MS = 6_000;
    private static final int REBALANCE_TIMEOUT_MS = 3_000;
    private static final long HEARTBEAT_INTERVAL_MS = 1_000;
    private static final long REQUEST_TIMEOUT_MS = 1_500;

    private final Simulation sim;
    final int nodeId;
    final String groupId;
    final TopicPartition partition;
    private final boolean joins;
    private final long intervalMs;
    private Phase phase;
    private int coordinator = -1;
    private String memberId = "";
    private int generation = -1;
    private long nextOffset;
    private long tickToken = -1;
    private long inflightId = -1;
    private CoordinatorRequest inflight;
    private long inflightSentMs;
    private long lastHeartbeatMs;

    SimGroupMember(Simulation sim, int nodeId, String groupId, boolean joins, long intervalMs) {
        this.sim = sim;
        this.nodeId = nodeId;
        this.groupId = groupId;
        this.partition = new TopicPartition(SimTopics.DATA, 0);
        this.joins = joins;
        this.intervalMs = intervalMs;
        this.phase = joins ? Phase.JOIN : Phase.STABLE;
    }

    /** The index (see {@link SimTopics}) of the offsets partition holding this group. */
    int offsetsIndex() {
        return sim.topics.offsetsIndex(GroupRouting.partitionFor(groupId, sim.topics.offsetsPartitions()));
    }

    void start(long nowMs) {
        tickToken = sim.nextId();
        sim.schedule(nowMs + intervalMs, nodeId, new Timer(Timer.Kind.GROUP_TICK, -1, tickToken));
    }

    void onTimer(Timer t, long nowMs) {
        if (t.token() != tickToken) {
            return;
        }
        sim.schedule(nowMs + intervalMs, nodeId, t);
        if (inflight != null) {
            if (nowMs - inflightSentMs < REQUEST_TIMEOUT_MS) {
                return;
            }
            // No answer: the request or its reply was lost, or the coordinator stopped. Look again.
            inflight = null;
            inflightId = -1;
            coordinator = -1;
        }
        if (coordinator < 0) {
            coordinator = sim.leaderHint(offsetsIndex());
            if (coordinator < 0) {
                return;
            }
        }
        switch (phase) {
            case JOIN -> send(new JoinGroupRequest(5, groupId, memberId, null, "consumer",
                    List.of(new Protocol("range", new byte[] {1})), SESSION_TIMEOUT_MS, REBALANCE_TIMEOUT_MS,
                    Simulation.nodeName(nodeId), "/sim"), nowMs);
            case SYNC -> send(new SyncGroupRequest(groupId, generation, memberId, null, "consumer", "range",
                    Map.of(memberId, new byte[] {2})), nowMs);
            case STABLE -> {
                if (joins && nowMs - lastHeartbeatMs >= HEARTBEAT_INTERVAL_MS) {
                    lastHeartbeatMs = nowMs;
                    send(new HeartbeatRequest(groupId, generation, memberId, null), nowMs);
                } else {
                    // Monotonic: every attempt, retries included, commits more than the one before.
                    nextOffset += 1 + sim.random.nextInt(5);
                    sim.checker.coordinator.onCommitSent(groupId, partition, nextOffset);
                    send(new OffsetCommitRequest(groupId, joins ? generation : -1, joins ? memberId : "", null,
                            OffsetCommitRequest.DEFAULT_RETENTION,
                            List.of(new OffsetCommitRequest.PartitionCommit(partition, nextOffset, -1, null))), nowMs);
                }
            }
        }
    }

    private void send(CoordinatorRequest request, long nowMs) {
        inflight = request;
        inflightId = sim.nextId();
        inflightSentMs = nowMs;
        sim.send(nodeId, coordinator, new Message.GroupRequest(inflightId, groupId, request));
    }

    void onReply(Message.GroupReply r, long nowMs) {
        if (r.requestId() != inflightId) {
            return;
        }
        CoordinatorRequest request = inflight;
        inflight = null;
        inflightId = -1;
        CoordinatorResponse response = r.response();
        ErrorCode error;
        if (response instanceof JoinGroupResponse j) {
            error = j.error();
            if (error == ErrorCode.NONE) {
                generation = j.generationId();
                memberId = j.memberId();
                phase = Phase.SYNC;
            } else if (error == ErrorCode.MEMBER_ID_REQUIRED) {
                memberId = j.memberId();
            }
        } else if (response instanceof SyncGroupResponse s) {
            error = s.error();
            if (error == ErrorCode.NONE) {
                sim.coverage.hit(Coverage.Mark.GROUP_MEMBER_SYNCED);
                phase = Phase.STABLE;
                lastHeartbeatMs = nowMs;
            }
        } else if (response instanceof HeartbeatResponse h) {
            error = h.error();
        } else {
            PartitionResult result = ((OffsetCommitResponse) response).partitions().get(0);
            error = result.error();
            if (error == ErrorCode.NONE) {
                sim.coverage.hit(Coverage.Mark.OFFSET_COMMIT_ACKNOWLEDGED);
                OffsetCommitRequest commit = (OffsetCommitRequest) request;
                sim.checker.coordinator.onCommitAcknowledged(groupId, partition, commit.partitions().get(0).offset(), coordinator);
            }
        }
        onError(error);
    }

    private void onError(ErrorCode error) {
        switch (error) {
            case NONE, MEMBER_ID_REQUIRED -> {
            }
            case NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE -> coordinator = -1;
            case COORDINATOR_LOAD_IN_PROGRESS -> {
                // The same coordinator, once it has loaded.
            }
            case UNKNOWN_MEMBER_ID -> {
                memberId = "";
                rejoin();
            }
            default -> rejoin();   // ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS, FENCED_INSTANCE_ID, ...
        }
    }

    private void rejoin() {
        if (joins) {
            phase = Phase.JOIN;
        }
    }

    @Override
    public String toString() {
        return Simulation.nodeName(nodeId) + " " + groupId + (joins ? " member " + memberId + " gen " + generation + " " + phase
                : " simple") + " coordinator b" + coordinator + " next offset " + nextOffset;
    }
}

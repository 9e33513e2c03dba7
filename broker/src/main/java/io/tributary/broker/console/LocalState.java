package io.tributary.broker.console;

import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.common.ErrorCode;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.api.CoordinatorResponse;
import io.tributary.coordinator.api.ListGroupsRequest;
import io.tributary.coordinator.api.ListGroupsResponse;
import io.tributary.replication.partition.IsrProposal;
import io.tributary.replication.partition.LeaderState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * What only this broker knows, served as {@code /api/node} for the other brokers' consoles to gather:
 * each replica it hosts (offsets, throughput) and, for those it leads, each follower's position as the
 * leader tracks it, which is where follower lag lives; the last ISR change it proposed with its
 * reason; and the consumer groups its coordinator shards hold.
 */
final class LocalState {

    /** The coordinator shards answer from their own threads; a slow one is left out rather than waited for. */
    static final long GROUPS_WAIT_MS = 300;
    static final int GROUPS_MAX = 1000;

    private final int nodeId;
    private final ReplicaManager replicas;
    private final GroupCoordinatorRuntime groups;
    private final IntSupplier activeControllerId;
    private final Time time;
    private final Throughput throughput = new Throughput();

    LocalState(int nodeId, ReplicaManager replicas, GroupCoordinatorRuntime groups, IntSupplier activeControllerId, Time time) {
        this.nodeId = nodeId;
        this.replicas = replicas;
        this.groups = groups;
        this.activeControllerId = activeControllerId;
        this.time = time;
    }

    int nodeId() {
        return nodeId;
    }

    Map<String, Object> snapshot() throws InterruptedException {
        long nowMs = time.milliseconds();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nodeId", nodeId);
        out.put("activeControllerId", activeControllerId.getAsInt());
        out.put("timeMs", nowMs);
        List<Map<String, Object>> hosted = new ArrayList<>();
        Set<TopicPartition> seen = new HashSet<>();
        for (Partition p : replicas.partitions()) {
            seen.add(p.topicPartition());
            hosted.add(replica(p, nowMs));
        }
        throughput.retain(seen);
        out.put("replicas", hosted);
        out.put("groups", groups());
        return out;
    }

    private Map<String, Object> replica(Partition p, long nowMs) {
        Map<String, Object> r = new LinkedHashMap<>();
        long logEnd = p.logEndOffset();
        r.put("topic", p.topicPartition().topic());
        r.put("partition", p.topicPartition().partition());
        r.put("leader", p.isLeader());
        r.put("leaderId", p.leaderId());
        r.put("leaderEpoch", p.leaderEpoch());
        r.put("logStartOffset", p.logStartOffset());
        r.put("logEndOffset", logEnd);
        r.put("highWatermark", p.highWatermark());
        r.put("sizeBytes", p.log().sizeInBytes());
        Throughput.Rate rate = throughput.sample(p.topicPartition(), nowMs, logEnd, p.log().sizeInBytes());
        r.put("recordsPerSec", Math.round(rate.recordsPerSec() * 10) / 10.0);
        r.put("bytesPerSec", Math.round(rate.bytesPerSec()));
        if (p.isLeader()) {
            List<Map<String, Object>> followers = new ArrayList<>();
            p.followerPositions().forEach((id, pos) -> followers.add(follower(id, pos, logEnd, nowMs)));
            followers.sort((a, b) -> Integer.compare((int) a.get("broker"), (int) b.get("broker")));
            r.put("followers", followers);
            IsrProposal last = p.lastIsrProposal();
            if (last != null) {
                Map<String, Object> proposal = new LinkedHashMap<>();
                proposal.put("kind", last.kind().name().toLowerCase());
                proposal.put("leaderEpoch", last.leaderEpoch());
                proposal.put("replicas", last.changedReplicas());
                proposal.put("proposedIsr", last.proposedIsr());
                proposal.put("atMs", last.proposedAtMs());
                proposal.put("reason", last.reason());
                r.put("lastIsrProposal", proposal);
            }
        }
        return r;
    }

    /**
     * A follower's lag as its leader sees it: records behind the leader's log end, and milliseconds
     * since it last held the leader's whole log (0 while it does): the figure replica.lag.time.max.ms
     * is compared with. Before its first fetch in this leader epoch both are unknown (-1).
     */
    private static Map<String, Object> follower(int id, LeaderState.FollowerPosition pos, long leaderLogEnd, long nowMs) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("broker", id);
        boolean known = pos.logEndOffset() != LeaderState.UNKNOWN_OFFSET;
        f.put("logEndOffset", pos.logEndOffset());
        long lagRecords = known ? Math.max(0, leaderLogEnd - pos.logEndOffset()) : -1;
        f.put("lagRecords", lagRecords);
        f.put("lagMs", !known ? -1 : lagRecords == 0 ? 0 : Math.max(0, nowMs - pos.lastCaughtUpTimeMs()));
        f.put("lastFetchMsAgo", pos.lastFetchTimeMs() <= 0 ? -1 : Math.max(0, nowMs - pos.lastFetchTimeMs()));
        return f;
    }

    private List<Map<String, Object>> groups() throws InterruptedException {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GROUPS_WAIT_MS);
        List<Map<String, Object>> out = new ArrayList<>();
        for (CompletableFuture<CoordinatorResponse> f : groups.handleEverywhere(new ListGroupsRequest(Set.of(), Set.of()))) {
            CoordinatorResponse r = Waits.await(f, deadlineNs);
            if (r instanceof ListGroupsResponse listed && listed.error() == ErrorCode.NONE) {
                for (ListGroupsResponse.ListedGroup g : listed.groups()) {
                    if (out.size() >= GROUPS_MAX) {
                        return out;
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("groupId", g.groupId());
                    m.put("state", g.state());
                    m.put("protocolType", g.protocolType());
                    m.put("coordinator", nodeId);
                    out.add(m);
                }
            }
        }
        return out;
    }
}

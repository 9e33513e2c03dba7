package io.tributary.quorum;

import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Moves this node's Raft leadership away without leaving the group, through Ratis's admin
 * TransferLeadership request (the one {@code RaftClient.admin().transferLeadership} sends):
 *
 * <ul>
 *   <li>With a target, the leader waits until that follower's log matches its own, then tells it
 *       to start an election at once (StartLeaderElection, no pre-vote); the follower wins the next
 *       term within a round trip or two. The request succeeds once the old leader has heard from the
 *       new one.</li>
 *   <li>Without a target ({@code newLeader == null}), the leader only turns follower in its current
 *       term; nobody campaigns until an election timeout passes, and this node may win that election
 *       again. Slower, but it needs no reachable follower, so it is the fallback.</li>
 * </ul>
 *
 * <p>Every future here completes, normally, within its timeout (Ratis times the request out, and a
 * backstop here covers a reply that never comes), so a chain of attempts is bounded. Futures
 * complete on Ratis's threads; nothing here blocks.
 */
final class LeadershipTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(LeadershipTransfer.class);

    /** The node id of "nobody took over". */
    static final int NO_SUCCESSOR = -1;

    /**
     * Runs each next attempt on a short-lived daemon thread of its own: attempts are rare (a
     * step-down, at most one per voter) and must not wait behind anything.
     */
    private static final Executor NEXT_ATTEMPT = r -> {
        Thread t = new Thread(r, "tributary-leadership-transfer");
        t.setDaemon(true);
        t.start();
    };

    /** Beyond Ratis's own timeout of a request, how long before we stop waiting for its reply. */
    private static final long REPLY_SLACK_MS = 100;

    private final int nodeId;
    private final RaftServer server;
    private final RaftPeerId selfId;
    private final RaftGroupId groupId;
    private final ClientId clientId;
    private final AtomicLong callIds;
    private final Supplier<DivisionInfo> info;

    LeadershipTransfer(int nodeId, RaftServer server, RaftPeerId selfId, RaftGroupId groupId, ClientId clientId,
                       AtomicLong callIds, Supplier<DivisionInfo> info) {
        this.nodeId = nodeId;
        this.server = server;
        this.selfId = selfId;
        this.groupId = groupId;
        this.clientId = clientId;
        this.callIds = callIds;
        this.info = info;
    }

    /**
     * The followers worth handing leadership to, best first: only those that answered this leader
     * within {@code answeredWithinMs} (a dead follower would waste the attempt's whole timeout),
     * the most up to date first (Ratis makes the leader wait until its target's log matches its
     * own), then the one heard from most recently. Empty when this node does not lead.
     */
    List<Integer> candidates(long answeredWithinMs) {
        DivisionInfo i = info.get();
        if (i == null || !i.isLeader() || !i.getRoleInfoProto().hasLeaderInfo()) {
            return List.of();
        }
        List<ServerRpcProto> followers = i.getRoleInfoProto().getLeaderInfo().getFollowerInfoList();
        // Ratis builds both lists from its log appenders, in one order; the voter set is fixed, so
        // they line up. Should they ever differ in length, order by responsiveness alone.
        long[] matchIndexes = i.getFollowerMatchIndices();
        boolean aligned = matchIndexes != null && matchIndexes.length == followers.size();
        List<Candidate> found = new ArrayList<>(followers.size());
        for (int f = 0; f < followers.size(); f++) {
            ServerRpcProto follower = followers.get(f);
            int id = RaftQuorum.nodeIdOf(RaftPeerId.valueOf(follower.getId().getId()));
            if (id >= 0 && follower.getLastRpcElapsedTimeMs() <= answeredWithinMs) {
                found.add(new Candidate(id, aligned ? matchIndexes[f] : -1, follower.getLastRpcElapsedTimeMs()));
            }
        }
        return found.stream()
                .sorted(Comparator.comparingLong(Candidate::matchIndex).reversed()
                        .thenComparingLong(Candidate::lastAnsweredMsAgo))
                .map(Candidate::nodeId)
                .toList();
    }

    private record Candidate(int nodeId, long matchIndex, long lastAnsweredMsAgo) {
    }

    /**
     * Hands leadership to the first of {@code candidates} that takes it within {@code budgetMs}
     * altogether, each given at most half the budget (so a follower that just died leaves time for
     * the next). Completes with the node that took over, or {@link #NO_SUCCESSOR}; never
     * exceptionally.
     */
    CompletableFuture<Integer> toFirstOf(List<Integer> candidates, long budgetMs) {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMs);
        return attempt(candidates, 0, budgetMs, deadlineNs);
    }

    private CompletableFuture<Integer> attempt(List<Integer> candidates, int next, long budgetMs, long deadlineNs) {
        long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
        if (next >= candidates.size() || leftMs <= 0) {
            return CompletableFuture.completedFuture(NO_SUCCESSOR);
        }
        int candidate = candidates.get(next);
        long attemptMs = Math.max(1, Math.min(leftMs, budgetMs / 2));
        // On a thread of its own: Ratis completes a refused transfer on its election thread while it
        // holds the server's lock, and the next attempt's transferLeadershipAsync waits for that lock
        // on another Ratis thread, so run inline the next attempt deadlocks the two (seen as a close
        // that hung). Not the common pool either: on two cores it has one thread, which anything
        // blocking there would starve this chain of.
        return send(RaftQuorum.peerIdOf(candidate), attemptMs).thenComposeAsync(taken -> taken
                ? CompletableFuture.completedFuture(candidate)
                : attempt(candidates, next + 1, budgetMs, deadlineNs), NEXT_ATTEMPT);
    }

    /**
     * Turns this leader into a follower of its current term without naming a successor; the
     * voters elect one after an election timeout. Completes with whether Ratis did it (false when
     * this node no longer led, or the request failed or timed out); never exceptionally.
     */
    CompletableFuture<Boolean> withoutSuccessor(long timeoutMs) {
        return send(null, timeoutMs);
    }

    private CompletableFuture<Boolean> send(RaftPeerId newLeader, long timeoutMs) {
        TransferLeadershipRequest request = new TransferLeadershipRequest(clientId, selfId, groupId,
                callIds.incrementAndGet(), newLeader, timeoutMs);
        String target = newLeader == null ? "nobody (step down)" : "node " + newLeader;
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = server.transferLeadershipAsync(request);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Node {}: transferring leadership to {} failed", nodeId, target, e);
            return CompletableFuture.completedFuture(false);
        }
        // Ratis answers every such request by its timeout; the backstop keeps a lost reply from
        // stalling a chain of attempts. copy(): the timeout must not complete Ratis's own future.
        return reply.copy().orTimeout(timeoutMs + REPLY_SLACK_MS, TimeUnit.MILLISECONDS).handle((r, error) -> {
            if (error != null) {
                LOG.debug("Node {}: transferring leadership to {} failed", nodeId, target, error);
                return false;
            }
            if (!r.isSuccess()) {
                LOG.debug("Node {}: transferring leadership to {} was refused: {}", nodeId, target, r.getException());
                return false;
            }
            return true;
        });
    }
}

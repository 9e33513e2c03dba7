package io.tributary.quorum;

import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps this node's gRPC channels to the other voters from backing off while the quorum has no
 * leader, so that a voter that comes back is asked for its vote at once.
 *
 * <p>Why: Ratis sends vote requests over one gRPC channel per peer. A channel whose connection
 * attempts fail (the peer is down, or its CONTROLLER port closes Raft connections while its Raft
 * server is not running) waits before the next attempt, 1 s at first and 1.6 times longer after
 * each failure, up to 120 s, and fails every request at once in between. Ratis's leader resets
 * that wait after each failed append, but a node that is not the leader resets nothing: a leader
 * that lost its majority while a voter was down went on asking that voter through a channel that
 * tried to connect only every few seconds, and once the voter was back, it was re-elected only at
 * the channel's next attempt (7 s later in {@code ReturningVoterElectionTest}).
 *
 * <p>What: every {@code intervalMs}, while this node neither leads nor knows a leader, and has not
 * for at least two intervals (a normal election ends sooner, and is left alone), each peer's
 * client is replaced through Ratis's public {@code RaftServerRpc.handleException(peer, e, true)},
 * whose new channel connects at the next request. Replacing a client to a healthy peer costs one
 * new connection through the relay; the old client finishes its calls in flight first.
 */
final class PeerReconnector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerReconnector.class);
    /** How many intervals without a leader pass before the first reconnect: an election usually ends sooner. */
    static final int GRACE_INTERVALS = 2;
    private static final IOException RECONNECT = new IOException("no leader: reconnect so that the peer is heard at once");

    private final int nodeId;
    private final RaftServer server;
    private final List<RaftPeerId> peers;
    private final long intervalMs;
    private final Supplier<DivisionInfo> info;
    private final ScheduledExecutorService timer;
    /** When this node found the quorum without a leader, or -1 while it knows one. */
    private long leaderlessSinceNs = -1;
    private boolean reconnecting;
    /** Whether a leader was known since start: until then every node is leaderless, which is not news. */
    private boolean leaderSeen;

    PeerReconnector(int nodeId, RaftServer server, List<RaftPeerId> peers, long intervalMs, Supplier<DivisionInfo> info) {
        if (intervalMs < 1) {
            throw new IllegalArgumentException("intervalMs must be positive: " + intervalMs);
        }
        this.nodeId = nodeId;
        this.server = server;
        this.peers = List.copyOf(peers);
        this.intervalMs = intervalMs;
        this.info = info;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tributary-quorum-reconnect-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        timer.scheduleWithFixedDelay(this::tick, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Runs on the timer thread only. */
    private void tick() {
        try {
            DivisionInfo current = info.get();
            if (current == null) {
                return;
            }
            long nowNs = System.nanoTime();
            if (current.isLeader() || current.getLeaderId() != null) {
                if (reconnecting && leaderSeen) {
                    LOG.info("Node {} knows a leader again (node {}) after {} ms without one", nodeId,
                            RaftQuorum.nodeIdOf(current.getLeaderId()), TimeUnit.NANOSECONDS.toMillis(nowNs - leaderlessSinceNs));
                }
                leaderlessSinceNs = -1;
                reconnecting = false;
                leaderSeen = true;
                return;
            }
            if (leaderlessSinceNs < 0) {
                leaderlessSinceNs = nowNs;
            }
            if (nowNs - leaderlessSinceNs < TimeUnit.MILLISECONDS.toNanos(GRACE_INTERVALS * intervalMs)) {
                return;
            }
            if (!reconnecting && leaderSeen) {
                LOG.info("Node {} has known no leader for {} ms; it reconnects to its peers every {} ms until it does",
                        nodeId, TimeUnit.NANOSECONDS.toMillis(nowNs - leaderlessSinceNs), intervalMs);
            }
            reconnecting = true;
            for (RaftPeerId peer : peers) {
                long startNs = System.nanoTime();
                server.getServerRpc().handleException(peer, RECONNECT, true);
                LOG.debug("Node {} reconnected to peer {} in {} ms", nodeId, peer,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
            }
        } catch (RuntimeException e) {
            // The server may be closing under us; the next tick looks again, and close() ends the ticks.
            LOG.debug("Node {}: reconnecting to peers failed: {}", nodeId, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(intervalMs + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

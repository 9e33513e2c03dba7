package io.tributary.broker.net.client;

import io.tributary.common.ErrorCode;
import io.tributary.wire.api.describecluster.DescribeClusterClientCodec;
import io.tributary.wire.api.describecluster.DescribeClusterRequest;
import io.tributary.wire.api.describecluster.DescribeClusterResponse;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the active controller and keeps one connection to it, for {@link ControllerClient}.
 *
 * <p>A discovery round asks the voters of {@code controller.quorum.voters} in turn, by DescribeCluster
 * with the controllers endpoint type (KIP-919): the answer's {@code controllerId} is the active
 * controller, and its endpoint list says where it listens (the voter list is the fallback). The first
 * voter to name a controller that then accepts a connection ends the round. A round that finds nobody
 * (an election in progress, every voter down) is followed by another after a backoff; so is the loss of
 * the active controller ({@link #invalidate}: it answered {@code NOT_CONTROLLER}, its connection closed,
 * or a request to it timed out). The backoff ({@link Backoff#CONTROLLER_DISCOVERY}) grows with each
 * consecutive failure and resets once the controller answers a request ({@link #succeeded}). A round
 * starts with the voter after the one that failed last, so a dead controller is asked last.
 *
 * <p>Legal transitions: no controller → discovering → active(id, connection) → discovering (on
 * invalidation) → ...; any → closed, which is final.
 *
 * <p>Threading: state is guarded by this object's monitor; nothing is called out (futures, listeners,
 * connections) while holding it. Rounds run as future callbacks and timers on the transport's event loops.
 */
final class ControllerLocator {

    private static final Logger log = LoggerFactory.getLogger(ControllerLocator.class);

    /** The connection to the active controller. */
    record Active(int id, String host, int port, NodeConnection connection) {
        @Override
        public String toString() {
            return "controller " + id + " at " + host + ":" + port;
        }
    }

    private final Map<Integer, InetSocketAddress> voters;
    private final ClientTransport transport;
    private final ClientSettings settings;
    private final Backoff backoff;
    private final DoubleSupplier random;
    private final Consumer<ControllerChange> onChange;

    // Guarded by this.
    private Active active;
    private CompletableFuture<Active> discovering;
    private int consecutiveFailures;
    private int lastFailedId = -1;
    private int lastAnnouncedId = -1;
    private int failedRoundsInARow;
    private boolean closed;
    private final Set<NodeConnection> probes = new HashSet<>();

    ControllerLocator(Map<Integer, InetSocketAddress> voters, ClientTransport transport, ClientSettings settings,
                      Backoff backoff, DoubleSupplier random, Consumer<ControllerChange> onChange) {
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("no controller.quorum.voters to ask for the active controller");
        }
        this.voters = new TreeMap<>(voters);
        this.transport = transport;
        this.settings = settings;
        this.backoff = backoff;
        this.random = random;
        this.onChange = onChange;
    }

    /**
     * The connection to the active controller, or the discovery that will find it (started if none is
     * running). The future fails only when the locator is closed; otherwise discovery goes on until it
     * succeeds, and callers bound their wait with their own deadlines.
     */
    CompletableFuture<Active> active() {
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(closedException());
            }
            if (active != null && active.connection().isOpen()) {
                return CompletableFuture.completedFuture(active);
            }
            if (active != null) {
                // Closed under us; its close listener will invalidate it too, which is then a no-op.
                forgetLocked(active);
            }
            return startDiscoveryLocked();
        }
    }

    /** The active controller's id, or -1 while none is known. */
    synchronized int activeId() {
        return active == null ? -1 : active.id();
    }

    /** The controller answered a request: it is active, and the next failure starts the backoff afresh. */
    synchronized void succeeded(Active a) {
        if (a == active) {
            consecutiveFailures = 0;
        }
    }

    /** {@code a} can no longer be used (NOT_CONTROLLER, closed, timed out): close it and look again. */
    void invalidate(Active a, String reason) {
        long delayMs;
        synchronized (this) {
            if (a != active || closed) {
                return;
            }
            forgetLocked(a);
            delayMs = nextDelayLocked();
            startDiscoveryLocked(delayMs);
        }
        log.info("Lost the active {}: {}; looking for the active controller in {} ms", a, reason, delayMs);
        a.connection().close();
    }

    void close() {
        List<NodeConnection> toClose = new ArrayList<>();
        CompletableFuture<Active> pending;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (active != null) {
                toClose.add(active.connection());
                active = null;
            }
            toClose.addAll(probes);
            probes.clear();
            pending = discovering;
            discovering = null;
        }
        toClose.forEach(NodeConnection::close);
        if (pending != null) {
            pending.completeExceptionally(closedException());
        }
    }

    private void forgetLocked(Active a) {
        active = null;
        lastFailedId = a.id();
        consecutiveFailures++;
    }

    private long nextDelayLocked() {
        return consecutiveFailures == 0 ? 0 : backoff.delayMs(consecutiveFailures, random.getAsDouble());
    }

    private CompletableFuture<Active> startDiscoveryLocked() {
        return startDiscoveryLocked(nextDelayLocked());
    }

    private CompletableFuture<Active> startDiscoveryLocked(long delayMs) {
        assert active == null : "discovery started while " + active + " is active";
        if (discovering == null) {
            discovering = new CompletableFuture<>();
            schedule(this::round, delayMs);
        }
        return discovering;
    }

    private void schedule(Runnable task, long delayMs) {
        try {
            transport.scheduler().schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The transport is closing; so is whoever owns this locator.
            log.debug("Not looking for the active controller: the client's event loops have stopped");
        }
    }

    /** One pass over the voters, starting after the one that failed last. */
    private void round() {
        List<Map.Entry<Integer, InetSocketAddress>> order;
        synchronized (this) {
            if (closed) {
                return;
            }
            List<Map.Entry<Integer, InetSocketAddress>> all = new ArrayList<>(voters.entrySet());
            int start = 0;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).getKey() == lastFailedId) {
                    start = (i + 1) % all.size();
                }
            }
            order = new ArrayList<>(all.subList(start, all.size()));
            order.addAll(all.subList(0, start));
        }
        ask(order, 0, new ArrayList<>());
    }

    private void ask(List<Map.Entry<Integer, InetSocketAddress>> order, int i, List<String> problems) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        if (i == order.size()) {
            roundFailed(problems);
            return;
        }
        int voterId = order.get(i).getKey();
        InetSocketAddress voter = order.get(i).getValue();
        Runnable next = () -> ask(order, i + 1, problems);
        connect(voter.getHostString(), voter.getPort()).whenComplete((conn, err) -> {
            if (err != null) {
                problems.add("voter " + voterId + ": " + Futures.unwrap(err).getMessage());
                next.run();
                return;
            }
            conn.send(DescribeClusterClientCodec.INSTANCE, DESCRIBE_CONTROLLERS, settings.requestTimeoutMs()).whenComplete((r, e) -> {
                String problem = e != null ? Futures.unwrap(e).getMessage() : problemWith(conn, r);
                if (problem != null) {
                    problems.add("voter " + voterId + ": " + problem);
                    release(conn);
                    next.run();
                    return;
                }
                InetSocketAddress target = addressOf(r);
                // Compared by name and port: the voter map may hold resolved or unresolved addresses.
                boolean sameNode = r.controllerId() == voterId && target.getHostString().equals(voter.getHostString())
                        && target.getPort() == voter.getPort();
                if (sameNode) {
                    adopt(r.controllerId(), target, conn, problems, next);
                    return;
                }
                release(conn);
                connect(target.getHostString(), target.getPort()).whenComplete((c, e2) -> {
                    if (e2 != null) {
                        problems.add("controller " + r.controllerId() + " named by voter " + voterId + ": "
                                + Futures.unwrap(e2).getMessage());
                        next.run();
                        return;
                    }
                    adopt(r.controllerId(), target, c, problems, next);
                });
            });
        });
    }

    private static final DescribeClusterRequest DESCRIBE_CONTROLLERS =
            new DescribeClusterRequest(false, DescribeClusterRequest.ENDPOINT_TYPE_CONTROLLERS, false);

    /** Why an answer does not name a usable active controller, or null if it does. */
    private String problemWith(NodeConnection conn, DescribeClusterResponse r) {
        if (conn.peerVersions().versionFor(DescribeClusterClientCodec.INSTANCE, conn.peer()) < 1) {
            // Before v1 the request cannot say "controllers", so the answer is about brokers.
            return "speaks DescribeCluster v0 only, which cannot ask for controllers";
        }
        if (r.error() != ErrorCode.NONE) {
            return "DescribeCluster answered " + r.error() + (r.errorMessage() == null ? "" : " (" + r.errorMessage() + ")");
        }
        if (r.controllerId() < 0) {
            return "knows no active controller (an election may be in progress)";
        }
        if (addressOf(r) == null) {
            return "named controller " + r.controllerId() + ", which is neither in its answer nor among the voters";
        }
        return null;
    }

    private InetSocketAddress addressOf(DescribeClusterResponse r) {
        for (DescribeClusterResponse.Broker b : r.brokers()) {
            if (b.brokerId() == r.controllerId()) {
                return InetSocketAddress.createUnresolved(b.host(), b.port());
            }
        }
        InetSocketAddress v = voters.get(r.controllerId());
        return v == null ? null : InetSocketAddress.createUnresolved(v.getHostString(), v.getPort());
    }

    private void adopt(int id, InetSocketAddress at, NodeConnection conn, List<String> problems, Runnable next) {
        Active a = new Active(id, at.getHostString(), at.getPort(), conn);
        CompletableFuture<Active> waiting = null;
        ControllerChange change = null;
        boolean lostIt = false;
        int failedRounds = 0;
        synchronized (this) {
            probes.remove(conn);
            if (closed) {
                lostIt = false;
            } else if (!conn.isOpen()) {
                lostIt = true;
            } else {
                active = a;
                waiting = discovering;
                discovering = null;
                change = new ControllerChange(lastAnnouncedId, id, a.host(), a.port());
                lastAnnouncedId = id;
                failedRounds = failedRoundsInARow;
                failedRoundsInARow = 0;
            }
        }
        if (change == null) {
            conn.close();
            if (lostIt) {
                problems.add("controller " + id + ": its connection closed as it was found");
                next.run();
            }
            return;
        }
        // Registered after the state change, so a close that already happened invalidates at once.
        conn.onClose(cause -> invalidate(a, "connection closed (" + cause.getMessage() + ")"));
        log.info("Active controller is {} at {}:{} (previous: {}; found after {} failed rounds)", id, a.host(), a.port(),
                change.previousControllerId() < 0 ? "none" : change.previousControllerId(), failedRounds);
        assert waiting != null : "a controller was adopted with no discovery running";
        waiting.complete(a);
        try {
            onChange.accept(change);
        } catch (RuntimeException e) {
            log.error("A listener for the active controller failed on {}", change, e);
        }
    }

    private void roundFailed(List<String> problems) {
        long delayMs;
        int failedRounds;
        synchronized (this) {
            if (closed) {
                return;
            }
            consecutiveFailures++;
            failedRoundsInARow++;
            failedRounds = failedRoundsInARow;
            delayMs = nextDelayLocked();
            schedule(this::round, delayMs);
        }
        // An election takes a while and rounds repeat every second at most: one warning per outage, not per round.
        if (failedRounds == 1) {
            log.warn("No active controller found among voters {}: {}; asking again every {} ms at most", voters.keySet(),
                    problems, backoff.maxMs());
        } else {
            log.debug("Still no active controller (round {}): {}; asking again in {} ms", failedRounds, problems, delayMs);
        }
    }

    /** A connection for discovery, tracked so that {@link #close} can close it even mid-round. */
    private CompletableFuture<NodeConnection> connect(String host, int port) {
        return transport.connect(host, port, settings).thenApply(c -> {
            synchronized (this) {
                if (!closed) {
                    probes.add(c);
                    return c;
                }
            }
            c.close();
            throw closedException();
        });
    }

    private void release(NodeConnection c) {
        synchronized (this) {
            probes.remove(c);
        }
        c.close();
    }

    private static DisconnectedException closedException() {
        return new DisconnectedException("the controller client is closed", null, false);
    }
}

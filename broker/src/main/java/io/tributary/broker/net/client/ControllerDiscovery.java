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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the active controller is, for every {@link ControllerClient} of one node: the one owner of that
 * knowledge, so that what one client learns the others use at once. Each client keeps its own connection
 * ({@link ControllerLink}); they share this object, which finds the controller once for all of them.
 *
 * <p>A search asks the voters of {@code controller.quorum.voters} in turn, by DescribeCluster with the
 * controllers endpoint type (KIP-919): the answer's {@code controllerId} is the active controller as that
 * voter knows it, and its endpoint list says where it listens (the voter list is the fallback). A named
 * controller counts only once it confirms, asked the same question, that it is active itself: a voter that
 * has heard of a newly elected Raft leader names it before that node has taken over as controller, and one
 * that has not yet noticed the leader's death names the dead node. A round that finds nobody is followed by
 * another after a delay ({@link DiscoveryBackoff}: short while voters answer, as during an election; longer
 * while none does); the delay grows with consecutive failures and starts afresh once the controller answers
 * a client's request ({@link #succeeded}). A round starts with the voter after the one that failed last, so
 * a dead controller is asked last.
 *
 * <p>Clients call {@link #find} with the controller they just found unusable (it answered
 * {@code NOT_CONTROLLER}, its connection closed, a request to it timed out, it refused a connection), or
 * null. If another client has meanwhile found a newer controller, the answer is that one, at once, without
 * asking anybody; if the unusable one is still the one known, it is forgotten and a search starts; every
 * client waiting for a search is answered by the same find. A node's clients therefore follow a new
 * controller together, one connect after the first of them learns of it.
 *
 * <p>Legal transitions: unknown → searching → known(found) → searching (a client reports it unusable) → ...;
 * any → closed, which is final. At most one search runs at a time, with at most two probe connections open.
 *
 * <p>Threading: state is guarded by this object's monitor; nothing is called out (futures, connections)
 * while holding it. Searches run as future callbacks and timers on the transport's event loops.
 */
public final class ControllerDiscovery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControllerDiscovery.class);

    private static final DescribeClusterRequest DESCRIBE_CONTROLLERS =
            new DescribeClusterRequest(false, DescribeClusterRequest.ENDPOINT_TYPE_CONTROLLERS, false);

    /**
     * An active controller as one search found it. Each search's find is a new generation, so a client that
     * reports an older one unusable does not make this object forget a newer one.
     */
    record Found(int id, String host, int port, long generation) {
        @Override
        public String toString() {
            return "controller " + id + " at " + host + ":" + port;
        }
    }

    /** What one pass over the voters heard. */
    private static final class Round {
        final List<String> problems = new ArrayList<>();
        boolean anyVoterAnswered;
    }

    private final Map<Integer, InetSocketAddress> voters;
    private final ClientTransport transport;
    private final ClientSettings probeSettings;
    private final DiscoveryBackoff backoff;
    private final DoubleSupplier random;

    // Guarded by this.
    private Found known;
    private CompletableFuture<Found> search;
    private long generations;
    private int consecutiveFailures;
    /** Whether a voter answered in the last round; a controller just lost was found through one, so it starts true. */
    private boolean quorumAnswered = true;
    private int lastFailedId = -1;
    private int lastFoundId = -1;
    private int failedRoundsInARow;
    private boolean closed;
    private final Set<NodeConnection> probes = new HashSet<>();

    /**
     * @param voters        voter id to its CONTROLLER endpoint, as in {@code controller.quorum.voters}
     *                      ({@link ControllerClient#voters} converts the parsed config)
     * @param transport     the event loops to probe and time on; not closed here
     * @param probeSettings for the short-lived connections that ask the voters (their client id, and how long
     *                      a connect and an answer may take before the next voter is asked)
     */
    public ControllerDiscovery(Map<Integer, InetSocketAddress> voters, ClientTransport transport, ClientSettings probeSettings) {
        this(voters, transport, probeSettings, DiscoveryBackoff.DEFAULT, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With the backoff and its randomness chosen by the caller (tests). */
    ControllerDiscovery(Map<Integer, InetSocketAddress> voters, ClientTransport transport, ClientSettings probeSettings,
                        DiscoveryBackoff backoff, DoubleSupplier random) {
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("no controller.quorum.voters to ask for the active controller");
        }
        this.voters = new TreeMap<>(voters);
        this.transport = transport;
        this.probeSettings = probeSettings;
        this.backoff = backoff;
        this.random = random;
    }

    /**
     * The active controller, or the search that will find it (started if none is running).
     *
     * @param unusable the controller the caller could not use, or null; forgotten if it is still the one known
     * @param reporter who could not use it (a client id), for the log
     * @param reason   why, for the log; null when the caller merely has no connection yet
     * @return a future that fails only when this object is closed; otherwise the search goes on until it
     *         succeeds, and callers bound their wait with their own deadlines
     */
    CompletableFuture<Found> find(Found unusable, String reporter, String reason) {
        long delayMs;
        Found lost;
        CompletableFuture<Found> result;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(closedException());
            }
            if (known != null && !known.equals(unusable)) {
                return CompletableFuture.completedFuture(known);
            }
            lost = known;
            if (lost != null) {
                known = null;
                lastFailedId = lost.id();
                consecutiveFailures++;
            }
            if (search != null) {
                return search;
            }
            delayMs = nextDelayLocked();
            search = new CompletableFuture<>();
            result = search;
            schedule(this::round, delayMs);
        }
        if (lost != null) {
            log.info("Lost the active {} ({}: {}); looking for the active controller in {} ms", lost, reporter,
                    reason == null ? "no connection" : reason, delayMs);
        }
        return result;
    }

    /** A client's request to {@code f} was answered: it is active, and the next failure starts the backoff afresh. */
    synchronized void succeeded(Found f) {
        if (f.equals(known)) {
            consecutiveFailures = 0;
        }
    }

    /** The id of the active controller as last found, or -1 while it is being looked for. */
    public synchronized int activeId() {
        return known == null ? -1 : known.id();
    }

    /** Stops searching; clients waiting for a search fail with {@link DisconnectedException}. Idempotent. */
    @Override
    public void close() {
        List<NodeConnection> toClose;
        CompletableFuture<Found> pending;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            known = null;
            toClose = new ArrayList<>(probes);
            probes.clear();
            pending = search;
            search = null;
        }
        toClose.forEach(NodeConnection::close);
        if (pending != null) {
            pending.completeExceptionally(closedException());
        }
    }

    private long nextDelayLocked() {
        return consecutiveFailures == 0 ? 0 : backoff.delayMs(consecutiveFailures, quorumAnswered, random.getAsDouble());
    }

    private void schedule(Runnable task, long delayMs) {
        try {
            transport.scheduler().schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The transport is closing; so is whoever owns this object.
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
            assert search != null && known == null : "a round runs only while searching";
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
        ask(order, 0, new Round());
    }

    private void ask(List<Map.Entry<Integer, InetSocketAddress>> order, int i, Round round) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        if (i == order.size()) {
            roundFailed(round);
            return;
        }
        int voterId = order.get(i).getKey();
        InetSocketAddress voter = order.get(i).getValue();
        Runnable next = () -> ask(order, i + 1, round);
        describe(voter.getHostString(), voter.getPort()).whenComplete((r, err) -> {
            if (err != null) {
                round.problems.add("voter " + voterId + ": " + Futures.unwrap(err).getMessage());
                next.run();
                return;
            }
            round.anyVoterAnswered = true;
            String problem = problemWith(r);
            if (problem != null) {
                round.problems.add("voter " + voterId + ": " + problem);
                next.run();
                return;
            }
            InetSocketAddress target = addressOf(r);
            // Compared by name and port: the voter map may hold resolved or unresolved addresses.
            boolean itself = r.controllerId() == voterId && target.getHostString().equals(voter.getHostString())
                    && target.getPort() == voter.getPort();
            if (itself) {
                found(r.controllerId(), target);
                return;
            }
            confirm(r.controllerId(), target, voterId, round, next);
        });
    }

    /** Asks the controller a voter named whether it is active; only its own word counts. */
    private void confirm(int controllerId, InetSocketAddress target, int namedBy, Round round, Runnable next) {
        describe(target.getHostString(), target.getPort()).whenComplete((r, err) -> {
            String problem = err != null ? Futures.unwrap(err).getMessage() : problemWith(r);
            if (problem == null && r.controllerId() != controllerId) {
                problem = r.controllerId() < 0 ? "it has not taken over yet" : "it names controller " + r.controllerId();
            }
            if (problem != null) {
                round.problems.add("controller " + controllerId + " named by voter " + namedBy + ": " + problem);
                next.run();
                return;
            }
            found(controllerId, target);
        });
    }

    /** One DescribeCluster (controllers) on a connection of its own, closed once answered. */
    private CompletableFuture<DescribeClusterResponse> describe(String host, int port) {
        return connect(host, port).thenCompose(conn -> {
            if (conn.peerVersions().versionFor(DescribeClusterClientCodec.INSTANCE, conn.peer()) < 1) {
                release(conn);
                // Before v1 the request cannot say "controllers", so the answer would be about brokers.
                return CompletableFuture.failedFuture(new UnsupportedVersionException(
                        "speaks DescribeCluster v0 only, which cannot ask for controllers"));
            }
            return conn.send(DescribeClusterClientCodec.INSTANCE, DESCRIBE_CONTROLLERS, probeSettings.requestTimeoutMs())
                    .whenComplete((r, e) -> release(conn));
        });
    }

    /** Why an answer does not name a usable active controller, or null if it does. */
    private String problemWith(DescribeClusterResponse r) {
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

    private void found(int id, InetSocketAddress at) {
        Found f;
        CompletableFuture<Found> waiting;
        int failedRounds;
        int previous;
        synchronized (this) {
            if (closed) {
                return;
            }
            assert search != null && known == null : "found a controller with no search running";
            f = new Found(id, at.getHostString(), at.getPort(), ++generations);
            known = f;
            waiting = search;
            search = null;
            quorumAnswered = true;
            failedRounds = failedRoundsInARow;
            failedRoundsInARow = 0;
            previous = lastFoundId;
            lastFoundId = id;
        }
        log.info("Active controller is {} at {}:{} (previous: {}; found after {} failed rounds)", id, f.host(), f.port(),
                previous < 0 ? "none" : previous, failedRounds);
        waiting.complete(f);
    }

    private void roundFailed(Round round) {
        long delayMs;
        int failedRounds;
        synchronized (this) {
            if (closed) {
                return;
            }
            consecutiveFailures++;
            failedRoundsInARow++;
            failedRounds = failedRoundsInARow;
            quorumAnswered = round.anyVoterAnswered;
            delayMs = nextDelayLocked();
            schedule(this::round, delayMs);
        }
        // An election takes a while and rounds repeat often meanwhile: one warning per outage, not per round.
        if (failedRounds == 1) {
            log.warn("No active controller found among voters {}: {}; asking again every {} ms at most", voters.keySet(),
                    round.problems, backoff.maxMs());
        } else {
            log.debug("Still no active controller (round {}): {}; asking again in {} ms", failedRounds, round.problems, delayMs);
        }
    }

    /** A connection for probing, tracked so that {@link #close} can close it even mid-round. */
    private CompletableFuture<NodeConnection> connect(String host, int port) {
        return transport.connect(host, port, probeSettings).thenApply(c -> {
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

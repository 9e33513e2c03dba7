package io.tributary.controller;

import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.ControllerCommand;
import io.tributary.metadata.controller.api.FenceBrokerRequest;
import io.tributary.metadata.controller.api.FenceStaleBrokersRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How the active controller watches brokers, beyond what the pure controller decides: it binds
 * each broker to the connection its heartbeats arrive on and fences it the moment that connection
 * closes (a crashed process), and it runs the session check every {@code checkIntervalMs} (a
 * stopped or cut-off broker, whose connection stays open). The decisions themselves
 * ({@link FenceBrokerRequest}, {@link FenceStaleBrokersRequest}) are the pure controller's, so they
 * log and commit like any command.
 *
 * <p>Soft state: a newly active controller starts with no bindings (the pure controller gives every
 * broker a full session), and forgets them when it resigns. Driver thread only.
 */
final class BrokerSessions {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerSessions.class);
    /** A stall this many check intervals long is worth a line in the log; shorter ones are routine under load. */
    private static final int STALL_LOGGED_INTERVALS = 4;

    /** Runs a command on the active controller (the driver's own path, with its bounds and waiting). */
    interface CommandRunner {
        <R> void execute(ControllerCommand<R> command, CompletableFuture<R> future);
    }

    private final int nodeId;
    private final long checkIntervalNs;
    private final CommandRunner runner;
    private final HeartbeatConnections connections = new HeartbeatConnections();
    private final FailoverStats failovers;
    private boolean watching;
    private long nextCheckNs;
    private boolean lastCheckDeferred;

    BrokerSessions(int nodeId, long checkIntervalMs, CommandRunner runner, FailoverStats failovers) {
        this.nodeId = nodeId;
        this.failovers = failovers;
        this.checkIntervalNs = TimeUnit.MILLISECONDS.toNanos(checkIntervalMs);
        this.runner = runner;
    }

    /** This node became active at {@code nowNs}: start watching, the first check a full interval away. */
    void activated(long nowNs) {
        connections.clear();
        watching = true;
        lastCheckDeferred = false;
        nextCheckNs = nowNs + checkIntervalNs;
    }

    /** This node is no longer active (or stops): forget the bindings, check nothing. */
    void deactivated() {
        connections.clear();
        failovers.forget();
        watching = false;
    }

    /**
     * A heartbeat of the broker's registration {@code brokerEpoch} was accepted on {@code connectionId};
     * {@code shuttingDown} when the broker asked for a controlled shutdown, whose fencing is no failover.
     */
    void heartbeatAccepted(int brokerId, long brokerEpoch, Object connectionId, boolean shuttingDown) {
        if (watching) {
            failovers.heartbeatAccepted(brokerId, shuttingDown);
        }
        if (watching && connectionId != null) {
            connections.bind(brokerId, brokerEpoch, connectionId);
        }
    }

    /** Fences, at once, each broker whose heartbeats arrived on the closed connection. */
    void connectionClosed(Object connectionId) {
        for (HeartbeatConnections.Binding b : connections.connectionClosed(connectionId)) {
            if (!watching) {
                return;
            }
            CompletableFuture<ApiError> f = new CompletableFuture<>();
            runner.execute(new FenceBrokerRequest(b.brokerId(), b.brokerEpoch(),
                    "the connection its heartbeats arrived on (" + connectionId + ") closed"), f);
            f.whenComplete((e, error) -> {
                if (error == null && e.isSuccess()) {
                    failovers.fenced(b.brokerId());
                }
                if (error != null) {
                    LOG.info("Node {}: broker {} (epoch {}) lost its heartbeat connection {} but could not be fenced now ({}); "
                            + "its session will lapse instead", nodeId, b.brokerId(), b.brokerEpoch(), connectionId, error.toString());
                }
            });
        }
    }

    /** The next session check, or {@link Long#MAX_VALUE} when not watching. */
    long nextCheckNs() {
        return watching ? nextCheckNs : Long.MAX_VALUE;
    }

    /**
     * Runs the session check if it is due at {@code nowNs}. A check more than an interval late means the
     * controller thread itself stalled (a GC pause, a starved host): the heartbeats that arrived
     * meanwhile wait in its queue, unheard, and judging the sessions now would fence brokers for the
     * controller's own deafness. So such a check waits one interval, for the queue to be heard first;
     * the next one runs however late it is, so a busy controller still fences a silent broker.
     */
    void runDue(long nowNs) {
        if (!watching || nowNs - nextCheckNs < 0) {
            return;
        }
        long lateNs = nowNs - nextCheckNs;
        nextCheckNs = nowNs + checkIntervalNs;
        if (lateNs > checkIntervalNs && !lastCheckDeferred) {
            lastCheckDeferred = true;
            if (lateNs > STALL_LOGGED_INTERVALS * checkIntervalNs) {
                LOG.info("Node {}: the controller thread ran {} ms late; the broker session check waits {} ms so that "
                        + "heartbeats queued meanwhile count first", nodeId, TimeUnit.NANOSECONDS.toMillis(lateNs),
                        TimeUnit.NANOSECONDS.toMillis(checkIntervalNs));
            }
            return;
        }
        lastCheckDeferred = false;
        CompletableFuture<List<Integer>> f = new CompletableFuture<>();
        runner.execute(new FenceStaleBrokersRequest(), f);
        f.whenComplete((fenced, error) -> {
            if (error != null) {
                LOG.debug("Node {}: session check not run: {}", nodeId, error.toString());
            } else {
                fenced.forEach(failovers::fenced);
            }
        });
    }

    /** Tests: the connection a broker is bound to, or null. */
    Object connectionOf(int brokerId) {
        return connections.connectionOf(brokerId);
    }
}

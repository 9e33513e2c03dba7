package io.tributary.controller;

import io.tributary.metadata.controller.api.BalanceLeadersRequest;
import io.tributary.metadata.controller.api.BalanceLeadersResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The active controller's leader-imbalance check ({@code auto.leader.rebalance.enable},
 * {@code leader.imbalance.check.interval.seconds}): every interval it runs a
 * {@link BalanceLeadersRequest}, whose decision is the pure controller's, and logs one line when
 * leadership moved. The first check comes one full interval after the node becomes active, so a
 * controller failover does not move leaders while brokers are still reconnecting.
 *
 * <p>Driver thread only; time comes in as {@code nowNs} from the driver's monotonic clock.
 */
final class LeaderBalanceTimer {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderBalanceTimer.class);

    private final int nodeId;
    private final boolean enabled;
    private final long intervalNs;
    private final BrokerSessions.CommandRunner runner;
    private boolean watching;
    private long nextCheckNs;

    LeaderBalanceTimer(int nodeId, boolean enabled, long intervalMs, BrokerSessions.CommandRunner runner) {
        this.nodeId = nodeId;
        this.enabled = enabled;
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.runner = runner;
    }

    /** This node became active at {@code nowNs}: the first check a full interval away. */
    void activated(long nowNs) {
        watching = enabled;
        nextCheckNs = nowNs + intervalNs;
    }

    void deactivated() {
        watching = false;
    }

    /** The next check, or {@link Long#MAX_VALUE} when disabled or not active. */
    long nextCheckNs() {
        return watching ? nextCheckNs : Long.MAX_VALUE;
    }

    /** Runs the check if it is due at {@code nowNs}. */
    void runDue(long nowNs) {
        if (!watching || nowNs - nextCheckNs < 0) {
            return;
        }
        nextCheckNs = nowNs + intervalNs;
        CompletableFuture<BalanceLeadersResponse> f = new CompletableFuture<>();
        runner.execute(new BalanceLeadersRequest(), f);
        f.whenComplete((r, error) -> {
            if (error != null) {
                LOG.debug("Node {}: leader imbalance check not run: {}", nodeId, error.toString());
            } else if (!r.moved().isEmpty()) {
                LOG.info("Node {}: preferred leader rebalance moved {} partition(s) {} back to their preferred replicas: {}",
                        nodeId, r.moved().size(), r.moved(), String.join("; ", r.reasons()));
            }
        });
    }
}

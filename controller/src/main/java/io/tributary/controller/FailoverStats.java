package io.tributary.controller;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What the active controller measured of the failovers it ran: how many brokers it fenced, and how
 * long the last failover took, from the fenced broker's last accepted heartbeat (the last moment it
 * was known alive) to the commit of the batch that fenced it and moved its leaderships (a fenced
 * broker leaves every ISR and every leadership in that batch). A broker in controlled shutdown is
 * not counted: it hands its leaderships over before it is fenced. A crash detected by its closed
 * connection costs at most a heartbeat interval plus a commit; a stopped or cut-off broker costs its
 * session ({@code broker.session.timeout.ms}) plus the session check's period.
 *
 * <p>Heartbeats arrive on the controller thread and fencings commit on another, so the state is
 * concurrent; readers (the metrics) take no lock.
 */
public final class FailoverStats {

    private final LongSupplier nanoTime;
    private final Map<Integer, Long> lastHeartbeatNs = new ConcurrentHashMap<>();
    private final AtomicLong fencings = new AtomicLong();
    private volatile long lastFailoverNs = -1;
    private volatile int lastFencedBroker = -1;

    FailoverStats(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * A heartbeat from {@code brokerId}. One asking for a controlled shutdown is not watched: its
     * leaderships move before it goes, and the fencing that ends its shutdown is no failover.
     */
    void heartbeatAccepted(int brokerId, boolean shuttingDown) {
        if (shuttingDown) {
            lastHeartbeatNs.remove(brokerId);
        } else {
            lastHeartbeatNs.put(brokerId, nanoTime.getAsLong());
        }
    }

    /**
     * {@code brokerId} was fenced and the batch committed now. Counted once per loss of a broker: a
     * second fencing before it heartbeats again (the session check after the connection's close) is not.
     */
    void fenced(int brokerId) {
        Long heardNs = lastHeartbeatNs.remove(brokerId);
        if (heardNs == null) {
            return;
        }
        fencings.incrementAndGet();
        lastFencedBroker = brokerId;
        lastFailoverNs = nanoTime.getAsLong() - heardNs;
    }

    /** This controller stopped being active: a successor knows nothing of the heartbeats it saw. */
    void forget() {
        lastHeartbeatNs.clear();
    }

    /** Brokers fenced by this node while it was the active controller. */
    public long fencings() {
        return fencings.get();
    }

    /** The last failover's duration in nanoseconds, or -1 before the first. */
    public long lastFailoverNs() {
        return lastFailoverNs;
    }

    /** The broker whose loss the last failover handled, or -1. */
    public int lastFencedBroker() {
        return lastFencedBroker;
    }
}

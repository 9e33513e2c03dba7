package io.tributary.metadata.controller;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The controller's soft state about brokers, which is not replicated (as in KRaft): when each
 * broker last heartbeated, and at which committed offsets its registration and its controlled
 * shutdown landed (a broker is caught up once its metadata reaches those offsets). Times are
 * monotonic milliseconds supplied by the caller.
 *
 * <p>Sessions: a broker's session is valid while less than {@code sessionTimeoutMs} has passed
 * since its last contact. A newly active controller calls {@link #resetSessions} with every
 * registered broker, so nobody is fenced before they could have reached the new controller.
 *
 * <p>Bounded by the number of registered brokers: entries are dropped when a broker unregisters.
 */
public final class BrokerHeartbeats {

    private final long sessionTimeoutMs;
    private final Map<Integer, Long> lastContactMs = new HashMap<>();
    private final Map<Integer, Long> registrationOffsets = new HashMap<>();
    private final Map<Integer, Long> controlledShutdownOffsets = new HashMap<>();
    /** Brokers that heartbeated or registered since this controller became active (not merely granted grace). */
    private final Set<Integer> heardThisTerm = new HashSet<>();
    private long highestIssuedEpoch = -1;

    public BrokerHeartbeats(long sessionTimeoutMs) {
        if (sessionTimeoutMs < 1) {
            throw new IllegalArgumentException("session timeout must be >= 1 ms, got " + sessionTimeoutMs);
        }
        this.sessionTimeoutMs = sessionTimeoutMs;
    }

    public long sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    /** The broker was heard from at {@code nowMs}. Time never goes backwards for a broker. */
    public void touch(int brokerId, long nowMs) {
        lastContactMs.merge(brokerId, nowMs, Math::max);
        heardThisTerm.add(brokerId);
    }

    /** Whether the broker itself was heard from since this controller became active. */
    public boolean heardThisTerm(int brokerId) {
        return heardThisTerm.contains(brokerId);
    }

    /** Starts tracking a broker that has no session yet, as if it had just heartbeated. */
    public void trackIfAbsent(int brokerId, long nowMs) {
        lastContactMs.putIfAbsent(brokerId, nowMs);
    }

    /** Failover grace: forget every session and treat each listed broker as heard from now. */
    public void resetSessions(Collection<Integer> brokerIds, long nowMs) {
        lastContactMs.clear();
        heardThisTerm.clear();
        for (int id : brokerIds) {
            lastContactMs.put(id, nowMs);
        }
    }

    /**
     * Ends the broker's session at {@code nowMs} (the controller learned it is gone): the session
     * counts as lapsed from now on, until the broker is heard from again ({@link #touch}).
     */
    public void expireSession(int brokerId, long nowMs) {
        lastContactMs.merge(brokerId, nowMs - sessionTimeoutMs, Math::min);
        heardThisTerm.remove(brokerId);
    }

    public OptionalLong lastContactMs(int brokerId) {
        Long t = lastContactMs.get(brokerId);
        return t == null ? OptionalLong.empty() : OptionalLong.of(t);
    }

    /** Whether the broker's session is alive at {@code nowMs}; an untracked broker has none. */
    public boolean hasValidSession(int brokerId, long nowMs) {
        Long t = lastContactMs.get(brokerId);
        return t != null && nowMs - t < sessionTimeoutMs;
    }

    /** Those of {@code candidates} whose sessions lapsed (tracked and too long silent), in the given order. */
    public List<Integer> staleBrokers(Collection<Integer> candidates, long nowMs) {
        List<Integer> stale = new ArrayList<>();
        for (int id : candidates) {
            Long t = lastContactMs.get(id);
            if (t != null && nowMs - t >= sessionTimeoutMs) {
                stale.add(id);
            }
        }
        return stale;
    }

    /** A registration of the broker committed at {@code offset}; it replaces any earlier one. */
    public void registrationCommitted(int brokerId, long offset) {
        registrationOffsets.put(brokerId, offset);
        controlledShutdownOffsets.remove(brokerId);
    }

    /** The broker's controlled shutdown record committed at {@code offset}. */
    public void controlledShutdownCommitted(int brokerId, long offset) {
        controlledShutdownOffsets.put(brokerId, offset);
    }

    /**
     * A registration with {@code brokerEpoch} was handed out in this term (perhaps not committed
     * yet). Later epochs must exceed it even if that broker was unregistered again meanwhile.
     */
    public void epochIssued(long brokerEpoch) {
        highestIssuedEpoch = Math.max(highestIssuedEpoch, brokerEpoch);
    }

    /** The highest broker epoch this controller handed out, or -1. */
    public long highestIssuedEpoch() {
        return highestIssuedEpoch;
    }

    /** The broker left the cluster: forget it. */
    public void forget(int brokerId) {
        lastContactMs.remove(brokerId);
        heardThisTerm.remove(brokerId);
        registrationOffsets.remove(brokerId);
        controlledShutdownOffsets.remove(brokerId);
    }

    /**
     * After a snapshot replaced this node's state: every broker in it counts as registered (and, if
     * shutting down, as having started its shutdown) at the snapshot's offset.
     */
    public void loadSnapshot(MetadataImage image) {
        registrationOffsets.clear();
        controlledShutdownOffsets.clear();
        for (BrokerRegistration b : image.brokers().values()) {
            registrationOffsets.put(b.brokerId(), image.lastAppliedOffset());
            if (b.inControlledShutdown()) {
                controlledShutdownOffsets.put(b.brokerId(), image.lastAppliedOffset());
            }
        }
        lastContactMs.keySet().retainAll(image.brokers().keySet());
    }

    /** Whether a broker at {@code metadataOffset} has seen its own (committed) registration. */
    public boolean isCaughtUp(int brokerId, long metadataOffset) {
        Long registered = registrationOffsets.get(brokerId);
        return registered != null && metadataOffset >= registered;
    }

    /** The offset where the broker's controlled shutdown committed, if it did. */
    public OptionalLong controlledShutdownOffset(int brokerId) {
        Long o = controlledShutdownOffsets.get(brokerId);
        return o == null ? OptionalLong.empty() : OptionalLong.of(o);
    }
}

package io.tributary.replication.partition;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One partition as its leader sees it, for one leader epoch: which replicas are in sync, how far
 * each follower has fetched, and the high watermark. Pure: the caller feeds it the local log end,
 * follower fetch positions and the time, and acts on what it returns.
 *
 * <p>The high watermark is the smallest log end offset across the ISR (the leader included). It
 * never moves backwards (invariant 2), and it does not move at all while the ISR is smaller than
 * {@code min.insync.replicas}, so a record is never reported committed with fewer copies than the
 * topic asked for.
 *
 * <p>Lifecycle: created by {@code becomeLeader} for one epoch; a new epoch means a new instance.
 * ISR changes proposed here take effect only when the controller's metadata says so
 * ({@link #onIsrCommitted}); until then the proposal is pending and no other is made.
 */
public final class LeaderState {

    /** A follower's position as the leader last saw it. */
    public record FollowerPosition(long logEndOffset, long lastCaughtUpTimeMs) {
    }

    private final int localId;
    private final int leaderEpoch;
    private final Set<Integer> replicas;
    private Set<Integer> isr;
    private final int minInsyncReplicas;
    private final Map<Integer, FollowerPosition> followers = new HashMap<>();
    private long localLogEndOffset;
    private long highWatermark;

    public LeaderState(int localId, int leaderEpoch, Set<Integer> replicas, Set<Integer> isr, int minInsyncReplicas,
                       long localLogEndOffset, long highWatermark, long nowMs) {
        if (!replicas.contains(localId) || !isr.contains(localId)) {
            throw new IllegalArgumentException("leader " + localId + " must be a replica and in the ISR " + isr);
        }
        if (!replicas.containsAll(isr)) {
            throw new IllegalArgumentException("ISR " + isr + " is not a subset of the replicas " + replicas);
        }
        if (highWatermark > localLogEndOffset) {
            throw new IllegalArgumentException("high watermark " + highWatermark + " is past the log end " + localLogEndOffset);
        }
        this.localId = localId;
        this.leaderEpoch = leaderEpoch;
        this.replicas = Set.copyOf(replicas);
        this.isr = new LinkedHashSet<>(isr);
        this.minInsyncReplicas = minInsyncReplicas;
        this.localLogEndOffset = localLogEndOffset;
        this.highWatermark = highWatermark;
        for (int r : replicas) {
            if (r != localId) {
                // A follower is given a full lag window from the moment this leader starts.
                followers.put(r, new FollowerPosition(-1L, nowMs));
            }
        }
        maybeAdvanceHighWatermark();
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    public long highWatermark() {
        return highWatermark;
    }

    public long localLogEndOffset() {
        return localLogEndOffset;
    }

    public Set<Integer> isr() {
        return Set.copyOf(isr);
    }

    public FollowerPosition follower(int replicaId) {
        return followers.get(replicaId);
    }

    /** True when enough replicas are in sync to take an {@code acks=all} write. */
    public boolean hasMinIsr() {
        return isr.size() >= minInsyncReplicas;
    }

    /** The leader appended locally; returns true when the high watermark moved. */
    public boolean onLocalAppend(long newLogEndOffset) {
        if (newLogEndOffset < localLogEndOffset) {
            throw new IllegalStateException("leader log end went backwards from " + localLogEndOffset + " to " + newLogEndOffset);
        }
        localLogEndOffset = newLogEndOffset;
        return maybeAdvanceHighWatermark();
    }

    /**
     * A follower fetched from {@code fetchOffset}, which means it holds everything below it. Returns
     * true when the high watermark moved.
     */
    public boolean onFollowerFetch(int replicaId, long fetchOffset, long nowMs) {
        FollowerPosition old = followers.get(replicaId);
        if (old == null) {
            throw new IllegalArgumentException("replica " + replicaId + " is not a follower of this partition");
        }
        long caughtUp = fetchOffset >= localLogEndOffset ? nowMs : old.lastCaughtUpTimeMs();
        followers.put(replicaId, new FollowerPosition(fetchOffset, caughtUp));
        return maybeAdvanceHighWatermark();
    }

    /** The controller committed a new ISR for this epoch. Returns true when the high watermark moved. */
    public boolean onIsrCommitted(Set<Integer> newIsr) {
        if (!newIsr.contains(localId) || !replicas.containsAll(newIsr)) {
            throw new IllegalArgumentException("ISR " + newIsr + " is illegal for leader " + localId + " of " + replicas);
        }
        isr = new LinkedHashSet<>(newIsr);
        return maybeAdvanceHighWatermark();
    }

    private boolean maybeAdvanceHighWatermark() {
        if (isr.size() < minInsyncReplicas) {
            return false;
        }
        long min = localLogEndOffset;
        for (int r : isr) {
            if (r != localId) {
                min = Math.min(min, followers.get(r).logEndOffset());
            }
        }
        if (min > highWatermark) {
            highWatermark = min;
            return true;
        }
        return false;
    }
}

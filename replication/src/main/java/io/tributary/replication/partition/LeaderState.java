package io.tributary.replication.partition;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One partition as its leader sees it, for one leader epoch: which replicas are in sync, how far
 * each follower has fetched, the high watermark, and the one ISR change in flight to the
 * controller. Pure: the caller feeds it the local log end, follower fetch positions, committed ISRs
 * and the time, and acts on the {@link LeaderUpdate} each input returns.
 *
 * <p>The high watermark is the smallest log end offset across the <em>maximal ISR</em> (the
 * committed ISR plus any replica a pending expansion adds; a pending shrink still counts the replicas
 * it removes), the leader included. It never moves backwards (invariant 2), and it does not move at
 * all while the committed ISR is smaller than {@code min.insync.replicas} (strict min ISR, as Kafka
 * 4.1+ with KIP-966), so a record is never reported committed with fewer copies than the topic
 * asked for. A follower whose position is not known yet ({@link #UNKNOWN_OFFSET}, as at the start of
 * an epoch) holds the high watermark where it is until it fetches.
 *
 * <p>ISR changes, as Kafka's AlterPartition (KIP-497). At most one proposal is pending at a time.
 * <ul>
 *   <li>Expand: a follower outside the ISR whose fetch offset has reached both the high watermark
 *       and the start offset of this leader epoch is proposed on that fetch.</li>
 *   <li>Shrink: on {@link #maybeShrinkIsr}, an ISR follower is proposed for removal when one of three
 *       rules fires (the proposal's {@link IsrProposal#rules} and {@link IsrProposal#reason} say which).
 *       The leader is never removed.
 *       <ol>
 *         <li>{@link IsrProposal.Rule#LAGGING} (Kafka's rule): it has not been caught up for more than
 *             {@code replica.lag.time.max.ms}. This is for slow followers.</li>
 *         <li>{@link IsrProposal.Rule#STALLED} (ours): records it does not hold have waited for more
 *             than {@code replica.fetch.stall.max.ms} and it has sent no fetch since they did (or
 *             since its last fetch, if it was already behind then). A healthy follower keeps a fetch
 *             parked at the leader, which is answered as soon as records arrive, and fetches again
 *             within milliseconds; a paused or cut-off follower sends nothing, and without this rule
 *             it holds every {@code acks=all} write until the controller fences its broker. A
 *             follower that fetches, however far behind, is never stalled, and neither is one of an
 *             idle partition: the clock starts only when records wait. 0 turns the rule off.</li>
 *         <li>{@link IsrProposal.Rule#BELOW_HIGH_WATERMARK} (ours): it is known to hold less than the
 *             high watermark (it lost committed records, e.g. an unflushed tail after a crash); Kafka
 *             has no such rule, we add it because such a follower would otherwise count as a copy of
 *             records it does not hold.</li>
 *       </ol></li>
 * </ul>
 * A follower is "caught up" at a fetch whose offset reaches the leader's log end at that time, or
 * the leader's log end as it was at the follower's previous fetch (so a follower that keeps pace
 * with a busy leader, always one fetch behind, stays caught up).
 *
 * <p>Legal transitions (anything else throws {@link IllegalStateException}):
 * <pre>
 *   COMMITTED --maybeShrinkIsr: a shrink rule fires-->  PENDING(SHRINK)
 *   COMMITTED --onFollowerFetch reaches the HW-->        PENDING(EXPAND)
 *   PENDING   --onIsrCommitted (any ISR, this epoch)-->  COMMITTED
 *   PENDING   --onIsrProposalRejected-->                 COMMITTED
 *   any       --onReplicasChanged (a reassignment, this epoch)-->  COMMITTED
 *   any       --onLocalAppend / onFollowerFetch / onFollowerRestarted / maybeShrinkIsr / onMinInsyncReplicasChanged--> same phase
 * </pre>
 * Refused: a local log end going backwards, {@code onIsrProposalRejected} with nothing pending, a
 * committed ISR without the leader or outside the replicas. Bad arguments (an unknown follower, a
 * fetch offset past the leader's log end, which the broker answers with OFFSET_OUT_OF_RANGE before
 * calling) throw {@link IllegalArgumentException}.
 *
 * <p>The caller only reports fetches the leader accepted: a fetch whose last fetched epoch diverges
 * from the leader's log is answered with the diverging epoch and must not be reported here, because
 * its offset says nothing about what the follower holds.
 *
 * <p>Lifecycle: created on becoming leader for one epoch; a new epoch means a new instance.
 */
public final class LeaderState {

    /** The log end offset of a follower that has not fetched in this leader epoch yet. */
    public static final long UNKNOWN_OFFSET = -1L;

    /**
     * A follower's position as the leader last saw it.
     *
     * @param logEndOffset                the follower's log end ({@link #UNKNOWN_OFFSET} before its first fetch)
     * @param lastCaughtUpTimeMs          the last time the follower was caught up with the leader's log end
     * @param lastFetchTimeMs             when the follower last fetched
     * @param lastFetchLeaderLogEndOffset the leader's log end at that fetch
     * @param waitingSinceMs              since when records this follower does not hold have waited
     *                                    without a fetch from it ({@link #NOT_WAITING} when none wait):
     *                                    the stall rule's clock
     */
    public record FollowerPosition(long logEndOffset, long lastCaughtUpTimeMs, long lastFetchTimeMs,
                                   long lastFetchLeaderLogEndOffset, long waitingSinceMs) {
    }

    /** {@link FollowerPosition#waitingSinceMs} of a follower that held the leader's log end at its last fetch, with nothing appended since. */
    public static final long NOT_WAITING = Long.MAX_VALUE;

    private final int localId;
    private final int leaderEpoch;
    private Set<Integer> replicas;
    private Set<Integer> isr;
    private int minInsyncReplicas;
    private final Map<Integer, FollowerPosition> followers = new HashMap<>();
    private final long leaderEpochStartOffset;
    private long localLogEndOffset;
    private long highWatermark;
    private IsrProposal pending;                 // null when the committed ISR is all there is

    public LeaderState(int localId, int leaderEpoch, Set<Integer> replicas, Set<Integer> isr, int minInsyncReplicas,
                       long localLogEndOffset, long highWatermark, long nowMs) {
        if (!replicas.contains(localId) || !isr.contains(localId)) {
            throw new IllegalArgumentException("leader " + localId + " must be a replica and in the ISR " + isr);
        }
        if (!replicas.containsAll(isr)) {
            throw new IllegalArgumentException("ISR " + isr + " is not a subset of the replicas " + replicas);
        }
        if (minInsyncReplicas < 1) {
            throw new IllegalArgumentException("min.insync.replicas must be at least 1, was " + minInsyncReplicas);
        }
        if (highWatermark < 0 || highWatermark > localLogEndOffset) {
            throw new IllegalArgumentException("high watermark " + highWatermark + " is outside [0, log end " + localLogEndOffset + "]");
        }
        this.localId = localId;
        this.leaderEpoch = leaderEpoch;
        this.replicas = Set.copyOf(replicas);
        this.isr = new LinkedHashSet<>(isr);
        this.minInsyncReplicas = minInsyncReplicas;
        this.localLogEndOffset = localLogEndOffset;
        // Records from this epoch start where the log ended when this leader took over; a follower
        // that has not fetched that far may still hold a previous leader's divergent tail.
        this.leaderEpochStartOffset = localLogEndOffset;
        this.highWatermark = highWatermark;
        for (int r : replicas) {
            if (r != localId) {
                // A follower is given a full lag window from the moment this leader starts.
                // The stall clock starts at this term's first append: records from before it that a
                // follower lacks did not wait on this leader's watch.
                followers.put(r, new FollowerPosition(UNKNOWN_OFFSET, nowMs, nowMs, UNKNOWN_OFFSET, NOT_WAITING));
            }
        }
        maybeAdvanceHighWatermark();
        checkInvariants();
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    public int localId() {
        return localId;
    }

    public long highWatermark() {
        return highWatermark;
    }

    public long localLogEndOffset() {
        return localLogEndOffset;
    }

    /** The log end offset when this leader's epoch began; a follower joins the ISR only past it. */
    public long leaderEpochStartOffset() {
        return leaderEpochStartOffset;
    }

    public Set<Integer> replicas() {
        return replicas;
    }

    /** The ISR the controller committed (what clients and elections see). */
    public Set<Integer> isr() {
        return Set.copyOf(isr);
    }

    /** The committed ISR plus any replica a pending expansion adds: the set the high watermark waits for. */
    public Set<Integer> maximalIsr() {
        if (pending != null && pending.kind() == IsrProposal.Kind.EXPAND) {
            Set<Integer> maximal = new TreeSet<>(isr);
            maximal.addAll(pending.changedReplicas());
            return Set.copyOf(maximal);
        }
        return Set.copyOf(isr);
    }

    /** The proposal in flight to the controller, if any (for a resend after a lost request). */
    public Optional<IsrProposal> pendingProposal() {
        return Optional.ofNullable(pending);
    }

    public FollowerPosition follower(int replicaId) {
        return followers.get(replicaId);
    }

    /** True when enough replicas are in sync to take an {@code acks=all} write. */
    public boolean hasMinIsr() {
        return isr.size() >= minInsyncReplicas;
    }

    /**
     * The leader appended locally (or its log end is unchanged) at {@code nowMs}. Records that moved
     * the log end start the stall clock of every follower whose clock was not running.
     */
    public LeaderUpdate onLocalAppend(long newLogEndOffset, long nowMs) {
        if (newLogEndOffset < localLogEndOffset) {
            throw new IllegalStateException("leader epoch " + leaderEpoch + ": log end went backwards from "
                    + localLogEndOffset + " to " + newLogEndOffset);
        }
        if (newLogEndOffset > localLogEndOffset) {
            for (Map.Entry<Integer, FollowerPosition> e : followers.entrySet()) {
                FollowerPosition p = e.getValue();
                if (p.waitingSinceMs() == NOT_WAITING) {
                    e.setValue(new FollowerPosition(p.logEndOffset(), p.lastCaughtUpTimeMs(), p.lastFetchTimeMs(),
                            p.lastFetchLeaderLogEndOffset(), nowMs));
                }
            }
        }
        localLogEndOffset = newLogEndOffset;
        return update(null);
    }

    /**
     * A follower fetched from {@code fetchOffset}, which means it holds everything below it and
     * nothing at or above it (a fetch offset may go backwards after the follower truncated). May
     * propose adding the follower to the ISR.
     */
    public LeaderUpdate onFollowerFetch(int replicaId, long fetchOffset, long nowMs) {
        FollowerPosition old = followers.get(replicaId);
        if (old == null) {
            throw new IllegalArgumentException("replica " + replicaId + " is not a follower of this partition " + replicas);
        }
        if (fetchOffset < 0 || fetchOffset > localLogEndOffset) {
            throw new IllegalArgumentException("leader epoch " + leaderEpoch + ": replica " + replicaId + " fetched at "
                    + fetchOffset + ", outside [0, log end " + localLogEndOffset + "]");
        }
        long caughtUpMs = old.lastCaughtUpTimeMs();
        if (fetchOffset >= localLogEndOffset) {
            caughtUpMs = Math.max(caughtUpMs, nowMs);
        } else if (fetchOffset >= old.lastFetchLeaderLogEndOffset()) {
            // It now holds what the leader had at its previous fetch: it was caught up as of then.
            caughtUpMs = Math.max(caughtUpMs, old.lastFetchTimeMs());
        }
        long fetchMs = Math.max(nowMs, old.lastFetchTimeMs());
        // A fetch resets the stall clock: a follower that holds the log end waits for nothing; one still
        // behind is answered at once, so its next fetch is due within milliseconds from now.
        long waitingSinceMs = fetchOffset >= localLogEndOffset ? NOT_WAITING : fetchMs;
        followers.put(replicaId, new FollowerPosition(fetchOffset, caughtUpMs, fetchMs, localLogEndOffset, waitingSinceMs));
        IsrProposal made = null;
        if (pending == null && !isr.contains(replicaId) && fetchOffset >= highWatermark
                && fetchOffset >= leaderEpochStartOffset) {
            Set<Integer> proposed = new TreeSet<>(isr);
            proposed.add(replicaId);
            made = new IsrProposal(IsrProposal.Kind.EXPAND, leaderEpoch, proposed, Set.of(replicaId), nowMs,
                    Set.of(IsrProposal.Rule.CAUGHT_UP), "follower " + replicaId + " fetched at offset " + fetchOffset
                    + ", at or past the high watermark " + highWatermark);
        }
        return update(made);
    }

    /**
     * The follower's broker restarted (its broker epoch changed, or a fetch came from an earlier
     * incarnation): the position it reported before may be gone, as a power loss takes an unflushed
     * tail. Its position becomes unknown, which holds the high watermark where it is until the
     * follower fetches again; its lag clock is left alone, so the ISR check still removes it if it
     * does not come back in time, and so is its stall clock.
     */
    public LeaderUpdate onFollowerRestarted(int replicaId) {
        FollowerPosition old = followers.get(replicaId);
        if (old == null) {
            throw new IllegalArgumentException("replica " + replicaId + " is not a follower of this partition " + replicas);
        }
        followers.put(replicaId, new FollowerPosition(UNKNOWN_OFFSET, old.lastCaughtUpTimeMs(), old.lastFetchTimeMs(),
                UNKNOWN_OFFSET, old.waitingSinceMs()));
        return update(null);
    }

    /**
     * The periodic ISR check. Kafka runs it every {@code replica.lag.time.max.ms / 2}; the stall rule
     * wants it more often (the broker runs it every {@code min(lag / 2, stall / 4)}). Proposes removing
     * every ISR follower that one of the shrink rules (class Javadoc) finds out of sync, unless a
     * proposal is already pending.
     *
     * @param replicaLagTimeMaxMs    {@code replica.lag.time.max.ms} (Kafka's default: 30000)
     * @param replicaFetchStallMaxMs {@code replica.fetch.stall.max.ms} (ours, default 500); 0 turns the stall rule off
     */
    public LeaderUpdate maybeShrinkIsr(long nowMs, long replicaLagTimeMaxMs, long replicaFetchStallMaxMs) {
        if (replicaLagTimeMaxMs <= 0) {
            throw new IllegalArgumentException("replica.lag.time.max.ms must be positive, was " + replicaLagTimeMaxMs);
        }
        if (replicaFetchStallMaxMs < 0) {
            throw new IllegalArgumentException("replica.fetch.stall.max.ms must not be negative, was " + replicaFetchStallMaxMs);
        }
        if (pending != null) {
            return update(null);
        }
        Set<Integer> outOfSync = new TreeSet<>();
        Set<IsrProposal.Rule> rules = EnumSet.noneOf(IsrProposal.Rule.class);
        StringBuilder reason = new StringBuilder();
        for (int r : isr) {
            if (r == localId) {
                continue;
            }
            FollowerPosition p = followers.get(r);
            String why;
            IsrProposal.Rule rule;
            if (p.logEndOffset() != UNKNOWN_OFFSET && p.logEndOffset() < highWatermark) {
                rule = IsrProposal.Rule.BELOW_HIGH_WATERMARK;
                why = "follower " + r + " holds up to offset " + p.logEndOffset() + ", below the high watermark " + highWatermark;
            } else if (replicaFetchStallMaxMs > 0 && isStalled(p, nowMs, replicaFetchStallMaxMs)) {
                rule = IsrProposal.Rule.STALLED;
                why = "follower " + r + " sent no fetch for " + (nowMs - p.waitingSinceMs()) + " ms while records waited"
                        + " (replica.fetch.stall.max.ms=" + replicaFetchStallMaxMs + ")";
            } else if (p.logEndOffset() != localLogEndOffset && nowMs - p.lastCaughtUpTimeMs() > replicaLagTimeMaxMs) {
                rule = IsrProposal.Rule.LAGGING;
                why = "follower " + r + " has not caught up for " + (nowMs - p.lastCaughtUpTimeMs()) + " ms"
                        + " (replica.lag.time.max.ms=" + replicaLagTimeMaxMs + ")";
            } else {
                continue;
            }
            outOfSync.add(r);
            rules.add(rule);
            reason.append(reason.length() == 0 ? "" : "; ").append(why);
        }
        if (outOfSync.isEmpty()) {
            return update(null);
        }
        Set<Integer> proposed = new TreeSet<>(isr);
        proposed.removeAll(outOfSync);
        return update(new IsrProposal(IsrProposal.Kind.SHRINK, leaderEpoch, proposed, outOfSync, nowMs, rules, reason.toString()));
    }

    /**
     * The controller committed an ISR for this leader epoch: the one proposed or another (the
     * controller may have changed it on its own, say on fencing a broker). Either way the pending
     * proposal, if any, is over.
     */
    public LeaderUpdate onIsrCommitted(Set<Integer> newIsr) {
        if (!newIsr.contains(localId) || !replicas.containsAll(newIsr)) {
            throw new IllegalStateException("leader epoch " + leaderEpoch + ": committed ISR " + newIsr
                    + " is illegal for leader " + localId + " of replicas " + replicas);
        }
        isr = new LinkedHashSet<>(newIsr);
        pending = null;
        return update(null);
    }

    /**
     * The controller refused the pending proposal and will not commit it (Kafka's
     * INELIGIBLE_REPLICA or OPERATION_NOT_ATTEMPTED): the leader is free to propose again.
     */
    public LeaderUpdate onIsrProposalRejected() {
        if (pending == null) {
            throw new IllegalStateException("leader epoch " + leaderEpoch + ": an ISR proposal was rejected but none is pending");
        }
        pending = null;
        return update(null);
    }

    /**
     * The controller committed a new replica set in this leader epoch (a reassignment started,
     * completed or was cancelled, KIP-455), with {@code newIsr}. The term goes on: the followers
     * that stay keep their positions, a new one starts unknown with a full lag window from
     * {@code nowMs} (it holds the high watermark only once it is in the ISR), and one that left is
     * forgotten. Any pending proposal is over, as for {@link #onIsrCommitted}.
     */
    public LeaderUpdate onReplicasChanged(Set<Integer> newReplicas, Set<Integer> newIsr, long nowMs) {
        if (!newReplicas.contains(localId) || !newIsr.contains(localId) || !newReplicas.containsAll(newIsr)) {
            throw new IllegalStateException("leader epoch " + leaderEpoch + ": replicas " + newReplicas + " with ISR " + newIsr
                    + " are illegal for leader " + localId);
        }
        followers.keySet().retainAll(newReplicas);
        for (int r : newReplicas) {
            if (r != localId) {
                followers.putIfAbsent(r, new FollowerPosition(UNKNOWN_OFFSET, nowMs, nowMs, UNKNOWN_OFFSET, NOT_WAITING));
            }
        }
        replicas = Set.copyOf(newReplicas);
        isr = new LinkedHashSet<>(newIsr);
        pending = null;
        return update(null);
    }

    /**
     * The topic's {@code min.insync.replicas} changed. The term goes on: follower positions, the epoch
     * start and any pending proposal are kept (rebuilding the state would forget all three). A lower
     * value may let the high watermark move at once.
     */
    public LeaderUpdate onMinInsyncReplicasChanged(int newMinInsyncReplicas) {
        if (newMinInsyncReplicas < 1) {
            throw new IllegalArgumentException("min.insync.replicas must be at least 1, was " + newMinInsyncReplicas);
        }
        minInsyncReplicas = newMinInsyncReplicas;
        return update(null);
    }

    /**
     * The stall rule: records this follower lacks have waited longer than the threshold with no fetch
     * from it since they did. Its position is behind the log end or unknown (a follower that has not
     * fetched in this term holds nothing known).
     */
    private boolean isStalled(FollowerPosition p, long nowMs, long replicaFetchStallMaxMs) {
        return p.waitingSinceMs() != NOT_WAITING && p.logEndOffset() < localLogEndOffset
                && nowMs - p.waitingSinceMs() > replicaFetchStallMaxMs;
    }

    private LeaderUpdate update(IsrProposal made) {
        if (made != null) {
            pending = made;
        }
        boolean moved = maybeAdvanceHighWatermark();
        checkInvariants();
        return new LeaderUpdate(moved, highWatermark, Optional.ofNullable(made));
    }

    private boolean maybeAdvanceHighWatermark() {
        if (isr.size() < minInsyncReplicas) {
            return false;
        }
        long min = localLogEndOffset;
        for (int r : maximalIsr()) {
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

    private void checkInvariants() {
        if (highWatermark > localLogEndOffset) {
            throw new IllegalStateException("leader epoch " + leaderEpoch + ": high watermark " + highWatermark
                    + " passed the log end " + localLogEndOffset);
        }
        if (!isr.contains(localId) || !replicas.containsAll(isr)) {
            throw new IllegalStateException("leader epoch " + leaderEpoch + ": ISR " + isr + " lost the leader or left the replicas");
        }
        if (pending != null && pending.kind() == IsrProposal.Kind.SHRINK && pending.changedReplicas().contains(localId)) {
            throw new IllegalStateException("leader epoch " + leaderEpoch + ": proposal " + pending + " removes the leader");
        }
    }
}

package io.tributary.replication.partition;

import java.util.Set;

/**
 * An ISR change the leader asks the controller for (Kafka's AlterPartition, KIP-497). The leader
 * never applies it itself: the ISR changes only when the controller's metadata says so, which
 * {@link LeaderState#onIsrCommitted} reports. Until then the proposal is pending and the leader
 * makes no other, so at most one is in flight per partition.
 *
 * @param kind            whether replicas join or leave the ISR
 * @param leaderEpoch     the leader epoch the proposal was made in; the controller refuses it for any other
 * @param proposedIsr     the whole ISR the leader asks for (AlterPartition carries the full set, not a delta)
 * @param changedReplicas the replicas that join ({@link Kind#EXPAND}) or leave ({@link Kind#SHRINK});
 *                        never empty, never the leader for a shrink
 * @param proposedAtMs    when the leader made the proposal, so the broker can time a resend
 * @param rules           the rules that fired (a shrink may remove followers for different rules); never empty
 * @param reason          for operators: per changed replica, which rule fired and what was measured, e.g.
 *                        "follower 2 sent no fetch for 540 ms while records waited (replica.fetch.stall.max.ms=500)"
 */
public record IsrProposal(Kind kind, int leaderEpoch, Set<Integer> proposedIsr, Set<Integer> changedReplicas,
                          long proposedAtMs, Set<Rule> rules, String reason) {

    /** Which way the ISR changes. */
    public enum Kind {
        /** A caught-up follower joins the ISR. */
        EXPAND,
        /** Followers that fell behind (or lost records below the high watermark) leave the ISR. */
        SHRINK
    }

    /** Why a replica joins or leaves (see {@link LeaderState}'s class Javadoc for the rules in full). */
    public enum Rule {
        /** Expand: the follower fetched up to the high watermark and this term's start. */
        CAUGHT_UP,
        /** Shrink, Kafka's rule: not caught up for more than {@code replica.lag.time.max.ms}. */
        LAGGING,
        /** Shrink, ours: no fetch for more than {@code replica.fetch.stall.max.ms} while records waited for it. */
        STALLED,
        /** Shrink, ours: the follower is known to hold less than the high watermark. */
        BELOW_HIGH_WATERMARK
    }

    public IsrProposal {
        proposedIsr = Set.copyOf(proposedIsr);
        changedReplicas = Set.copyOf(changedReplicas);
        rules = Set.copyOf(rules);
        if (rules.isEmpty() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an ISR proposal must say which rule fired and why");
        }
        if ((kind == Kind.EXPAND) != rules.equals(Set.of(Rule.CAUGHT_UP))) {
            throw new IllegalArgumentException("rules " + rules + " do not fit a " + kind);
        }
        if (changedReplicas.isEmpty()) {
            throw new IllegalArgumentException("an ISR proposal must change at least one replica");
        }
        if (kind == Kind.EXPAND && !proposedIsr.containsAll(changedReplicas)) {
            throw new IllegalArgumentException("expansion " + proposedIsr + " leaves out joining replicas " + changedReplicas);
        }
        if (kind == Kind.SHRINK && changedReplicas.stream().anyMatch(proposedIsr::contains)) {
            throw new IllegalArgumentException("shrink " + proposedIsr + " keeps leaving replicas " + changedReplicas);
        }
    }
}

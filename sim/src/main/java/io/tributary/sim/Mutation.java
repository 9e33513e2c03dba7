package io.tributary.sim;

/**
 * Planted bugs, each switched on only by a test, to prove the checker can fail. Each lives in the
 * simulation's glue (the code standing in for the broker), not in a core (the coordinator shard itself is untouched).
 */
enum Mutation {
    /** The leader publishes its log end as the high watermark (acknowledging before replication). */
    HW_AS_LOG_END,
    /**
     * A follower truncates to its own high watermark when it learns of a new leader, and fetches
     * without a last fetched epoch, so the leader never answers with a diverging epoch (the bug
     * KIP-101 fixed).
     */
    TRUNCATE_TO_HW,
    /** The leader counts an ISR expansion as committed as soon as it proposes it, before the controller confirms. */
    EXPAND_BEFORE_COMMIT,
    /**
     * The leader reports a fetch whose last fetched epoch diverges to {@code LeaderState}, as if the
     * follower held the leader's records up to its fetch offset.
     */
    REPORT_DIVERGING_FETCH,
    /**
     * The group coordinator answers an OffsetCommit (any output's replies) as soon as its records are
     * appended to the leader's log, without waiting for the high watermark to pass them.
     */
    COORDINATOR_ACK_BEFORE_HW,
    /**
     * A broker being removed by a reassignment deletes its copy as soon as the move starts, before the
     * controller switched the replica set (while it may still lead, or count in the ISR).
     */
    REMOVE_BEFORE_SWITCH
}

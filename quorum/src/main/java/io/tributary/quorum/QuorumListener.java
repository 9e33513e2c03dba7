package io.tributary.quorum;

/**
 * What the quorum tells the state machine above it (the controller, through the broker's
 * {@code MetadataLog} adapter).
 *
 * <p>Threading: every callback runs on one thread, {@code tributary-quorum-listener-<nodeId>}, one
 * at a time, in the order below. Callbacks must not block for long (the Raft apply thread waits
 * for them when the queue between them is full) and must not wait for an append to commit.
 *
 * <p>Order guarantees:
 * <ul>
 *   <li>{@link #loadSnapshot} comes first when a snapshot exists, and again whenever the leader
 *       installs a newer one; it replaces all state, and later commits continue after its index.</li>
 *   <li>{@link #onCommit} delivers committed entries in strictly increasing index order, exactly
 *       once per start (after a restart, replay begins after the latest snapshot). Indexes have gaps:
 *       Raft's own entries (configuration, a new leader's first entry) and fenced entries are not
 *       delivered.</li>
 *   <li>{@link #onLeaderChange} with {@code isLocal=true} for term T comes only after every entry
 *       committed before this node led term T has been delivered: the new active controller has
 *       replayed everything before it acts.</li>
 * </ul>
 */
public interface QuorumListener {

    /** A committed entry, in log order. */
    void onCommit(long index, long term, byte[] entry);

    /**
     * The leader changed. {@code leaderId} is the new leader's node id, or -1 when this node knows
     * of no leader (for instance, it just stepped down). {@code isLocal} is true when this node is
     * the leader and ready to append in {@code term}. Terms never go backwards.
     */
    void onLeaderChange(int leaderId, long term, boolean isLocal);

    /**
     * Serialises the state as of the last delivered commit. Called between commits, so the state
     * is consistent; the bytes become a snapshot at that commit's index.
     */
    byte[] takeSnapshot();

    /**
     * Replaces the state with the snapshot taken at {@code index}. Called at start when a snapshot
     * exists, and when the leader installs a snapshot on a follower that fell too far behind.
     */
    void loadSnapshot(long index, byte[] snapshot);

    /**
     * A callback threw: the quorum on this node has stopped (its Raft server is closed) because its
     * state can no longer be trusted to match the log. Default: nothing; the broker should exit.
     */
    default void onFatalError(Throwable cause) {
    }
}

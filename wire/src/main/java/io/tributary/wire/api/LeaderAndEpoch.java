package io.tributary.wire.api;

/**
 * A partition's current leader and leader epoch, as carried with {@code NOT_LEADER_OR_FOLLOWER} and
 * {@code FENCED_LEADER_EPOCH} errors (KIP-951). {@link #UNKNOWN} is what Kafka sends when it has none.
 */
public record LeaderAndEpoch(int leaderId, int leaderEpoch) {

    public static final LeaderAndEpoch UNKNOWN = new LeaderAndEpoch(-1, -1);
}

package io.tributary.broker.partition;

/**
 * What the next fetch from the leader carries for one partition this node follows
 * ({@link Partition#followerFetchState}).
 *
 * @param lastFetchedEpoch the epoch of the log's last batch (-1 for an empty cache), for the leader's divergence check
 */
public record FollowerFetch(int leaderId, int leaderEpoch, long fetchOffset, int lastFetchedEpoch, long logStartOffset) {
}

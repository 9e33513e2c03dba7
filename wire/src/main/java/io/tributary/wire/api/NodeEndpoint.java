package io.tributary.wire.api;

/**
 * Where a broker listens, as carried in Produce and Fetch responses (KIP-951) so that a client told
 * {@code NOT_LEADER_OR_FOLLOWER} can reach the new leader without a Metadata round trip.
 *
 * @param rack null when the broker has no {@code broker.rack}
 */
public record NodeEndpoint(int nodeId, String host, int port, String rack) {
}

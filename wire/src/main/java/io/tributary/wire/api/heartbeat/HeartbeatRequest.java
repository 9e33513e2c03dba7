package io.tributary.wire.api.heartbeat;

/**
 * A Heartbeat request: a member of a generation says it is alive, and learns whether to rejoin.
 *
 * @param groupInstanceId v3+, null before or for a dynamic member
 */
public record HeartbeatRequest(String groupId, int generationId, String memberId, String groupInstanceId) {
}

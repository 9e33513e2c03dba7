package io.tributary.wire.api.joingroup;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A JoinGroup request: a member (new, with an empty member id, or returning) asks to join a group's
 * next generation, offering the protocols (assignors) it supports in its order of preference.
 *
 * @param rebalanceTimeoutMs v1+; before v1 Kafka waits out the session timeout, so it reads as {@code sessionTimeoutMs}
 * @param memberId           "" for a member joining for the first time
 * @param groupInstanceId    v5+ (static membership, KIP-345), null before or when the member is dynamic
 * @param protocolType       "consumer" for consumers, or what a Connect worker or other user of groups says
 * @param reason             v8+ (KIP-800), null before or when not given
 */
public record JoinGroupRequest(
        String groupId,
        int sessionTimeoutMs,
        int rebalanceTimeoutMs,
        String memberId,
        String groupInstanceId,
        String protocolType,
        List<Protocol> protocols,
        String reason) {

    public JoinGroupRequest {
        protocols = List.copyOf(protocols);
    }

    /** An assignor the member supports and its subscription metadata for it (opaque to the broker). */
    public record Protocol(String name, ByteBuffer metadata) {
    }
}

package io.tributary.wire.api.joingroup;

import io.tributary.common.ErrorCode;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A JoinGroup response. The leader gets every member with its metadata and runs the assignment; the
 * others get an empty member list.
 *
 * @param generationId   -1 on error
 * @param protocolType   v7+, dropped before; null when unknown
 * @param protocolName   the chosen protocol; null on error (written "" before v7, which has no null)
 * @param leader         the leader's member id, "" on error
 * @param skipAssignment v9+ (KIP-814): the leader must not assign (the group is static and known); false before
 * @param memberId       the member id the coordinator gives the member (also with MEMBER_ID_REQUIRED)
 */
public record JoinGroupResponse(
        int throttleTimeMs,
        ErrorCode error,
        int generationId,
        String protocolType,
        String protocolName,
        String leader,
        boolean skipAssignment,
        String memberId,
        List<Member> members) {

    public JoinGroupResponse {
        members = List.copyOf(members);
    }

    /** @param groupInstanceId v5+, null before or for a dynamic member */
    public record Member(String memberId, String groupInstanceId, ByteBuffer metadata) {
    }

    /** A failed join, as Kafka answers one: no generation, protocol or leader; {@code memberId} "" unless the coordinator gives one. */
    public static JoinGroupResponse failed(ErrorCode error, String memberId) {
        return new JoinGroupResponse(0, error, -1, null, null, "", false, memberId, List.of());
    }
}

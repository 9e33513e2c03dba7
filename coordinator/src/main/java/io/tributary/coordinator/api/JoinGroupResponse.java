package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

import java.util.List;

/**
 * JoinGroup's answer. Only the leader gets {@code members} (with each member's metadata for the
 * selected protocol), so it can compute the assignment it sends in its SyncGroup.
 */
public record JoinGroupResponse(ErrorCode error, int generationId, String protocolType, String protocolName,
                                String leaderId, String memberId, List<JoinedMember> members)
        implements CoordinatorResponse {

    /** The generation of an error answer. */
    public static final int NO_GENERATION = -1;

    public JoinGroupResponse {
        members = List.copyOf(members);
    }

    public static JoinGroupResponse error(String memberId, ErrorCode error) {
        return new JoinGroupResponse(error, NO_GENERATION, null, null, "", memberId, List.of());
    }

    /** A member as the leader sees it in the JoinGroup answer. */
    public record JoinedMember(String memberId, String groupInstanceId, byte[] metadata) {
    }
}

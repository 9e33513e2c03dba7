package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

import java.util.Map;
import java.util.Objects;

/**
 * SyncGroup, any version.
 *
 * @param protocolType null unless the client sent it (v5+); when sent it must match the group's
 * @param protocolName null unless the client sent it (v5+); when sent it must match the group's
 * @param assignments  the leader's assignment per member id; empty from followers
 */
public record SyncGroupRequest(String groupId, int generationId, String memberId, String groupInstanceId,
                               String protocolType, String protocolName, Map<String, byte[]> assignments)
        implements CoordinatorRequest {

    public SyncGroupRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        assignments = Map.copyOf(assignments);
    }

    @Override
    public SyncGroupResponse errorResponse(ErrorCode error) {
        return SyncGroupResponse.error(error);
    }
}

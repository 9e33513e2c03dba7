package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

import java.util.Objects;

/** Heartbeat, any version. */
public record HeartbeatRequest(String groupId, int generationId, String memberId, String groupInstanceId)
        implements CoordinatorRequest {

    public HeartbeatRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
    }

    @Override
    public HeartbeatResponse errorResponse(ErrorCode error) {
        return new HeartbeatResponse(error);
    }
}

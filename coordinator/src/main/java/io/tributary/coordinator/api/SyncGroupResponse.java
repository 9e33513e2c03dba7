package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

/** SyncGroup's answer: this member's assignment for the generation. */
public record SyncGroupResponse(ErrorCode error, String protocolType, String protocolName, byte[] assignment)
        implements CoordinatorResponse {

    public static SyncGroupResponse error(ErrorCode error) {
        return new SyncGroupResponse(error, null, null, new byte[0]);
    }
}

package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

import java.util.List;

/** LeaveGroup's answer: a top-level error, and one result per member in the order asked. */
public record LeaveGroupResponse(ErrorCode error, List<MemberResult> members) implements CoordinatorResponse {

    public LeaveGroupResponse {
        members = List.copyOf(members);
    }

    public record MemberResult(String memberId, String groupInstanceId, ErrorCode error) {
    }
}

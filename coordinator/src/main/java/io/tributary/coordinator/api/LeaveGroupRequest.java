package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

import java.util.List;
import java.util.Objects;

/**
 * LeaveGroup: v0-v2 carry one member id; v3+ a batch of members, where a static member may be
 * named by its {@code group.instance.id} alone (member id empty), as the admin client does to
 * remove static members.
 */
public record LeaveGroupRequest(String groupId, List<LeavingMember> members) implements CoordinatorRequest {

    public LeaveGroupRequest {
        Objects.requireNonNull(groupId, "groupId");
        members = List.copyOf(members);
    }

    @Override
    public LeaveGroupResponse errorResponse(ErrorCode error) {
        return new LeaveGroupResponse(error, List.of());
    }

    /** One member to remove: its member id (may be empty for a static member) and instance id (or null). */
    public record LeavingMember(String memberId, String groupInstanceId) {

        public LeavingMember {
            Objects.requireNonNull(memberId, "memberId");
        }
    }
}

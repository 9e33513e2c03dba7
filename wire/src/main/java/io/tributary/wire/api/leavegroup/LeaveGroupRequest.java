package io.tributary.wire.api.leavegroup;

import java.util.List;

/**
 * A LeaveGroup request: members leave a group. Before v3 one member leaves, by member id; from v3
 * (KIP-345) any number, each by member id or group instance id, which is how an operator removes
 * static members ({@code Admin.removeMembersFromConsumerGroup}).
 */
public record LeaveGroupRequest(String groupId, List<Member> members) {

    public LeaveGroupRequest {
        members = List.copyOf(members);
    }

    /**
     * @param memberId        "" when a static member is named by its instance id alone
     * @param groupInstanceId v3+, null before or for a dynamic member
     * @param reason          v5+ (KIP-800), null before or when not given
     */
    public record Member(String memberId, String groupInstanceId, String reason) {
    }
}

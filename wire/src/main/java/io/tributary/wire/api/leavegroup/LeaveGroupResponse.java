package io.tributary.wire.api.leavegroup;

import io.tributary.common.ErrorCode;
import java.util.List;

/**
 * A LeaveGroup response: a group-level error, and from v3 one result per leaving member. Before v3 the
 * wire has the group-level error only, so a member's error takes its place when the group has none.
 */
public record LeaveGroupResponse(int throttleTimeMs, ErrorCode error, List<Member> members) {

    public LeaveGroupResponse {
        members = List.copyOf(members);
    }

    /** @param groupInstanceId null for a dynamic member */
    public record Member(String memberId, String groupInstanceId, ErrorCode error) {
    }
}

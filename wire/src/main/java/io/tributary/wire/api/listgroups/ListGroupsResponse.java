package io.tributary.wire.api.listgroups;

import io.tributary.common.ErrorCode;
import java.util.List;

/** A ListGroups response. */
public record ListGroupsResponse(int throttleTimeMs, ErrorCode error, List<Group> groups) {

    public ListGroupsResponse {
        groups = List.copyOf(groups);
    }

    /**
     * @param protocolType "consumer" for consumer groups, "" for a group that only commits offsets
     * @param groupState   v4+, dropped before
     * @param groupType    v5+, dropped before: "classic" for the groups of JoinGroup
     */
    public record Group(String groupId, String protocolType, String groupState, String groupType) {
    }
}

package io.tributary.wire.api.describegroups;

import io.tributary.common.ErrorCode;
import java.nio.ByteBuffer;
import java.util.List;

/** A DescribeGroups response: one entry per requested group. */
public record DescribeGroupsResponse(int throttleTimeMs, List<Group> groups) {

    /** The authorized operations when they were not asked for (Kafka's {@code Integer.MIN_VALUE}). */
    public static final int OPERATIONS_OMITTED = Integer.MIN_VALUE;

    public DescribeGroupsResponse {
        groups = List.copyOf(groups);
    }

    /**
     * @param errorMessage         v6+, dropped before; null for none
     * @param groupState           "Stable", "Empty", "Dead" (for a group that does not exist, before v6) ...
     * @param protocolData         the chosen protocol (assignor), "" unless the group is stable
     * @param authorizedOperations v3+, {@link #OPERATIONS_OMITTED} when not asked for
     */
    public record Group(
            ErrorCode error,
            String errorMessage,
            String groupId,
            String groupState,
            String protocolType,
            String protocolData,
            List<Member> members,
            int authorizedOperations) {

        public Group {
            members = List.copyOf(members);
        }

        /** A group that failed with {@code error}, as Kafka answers one: empty state, protocol and members. */
        public static Group failed(String groupId, ErrorCode error, String errorMessage) {
            return new Group(error, errorMessage, groupId, "", "", "", List.of(), OPERATIONS_OMITTED);
        }
    }

    /**
     * @param groupInstanceId  v4+, dropped before; null for a dynamic member
     * @param memberMetadata   the member's metadata for the chosen protocol (empty unless stable)
     * @param memberAssignment the member's assignment (empty unless stable)
     */
    public record Member(String memberId, String groupInstanceId, String clientId, String clientHost, ByteBuffer memberMetadata,
                         ByteBuffer memberAssignment) {
    }
}

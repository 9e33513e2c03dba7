package io.tributary.wire.api.syncgroup;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A SyncGroup request: a member of a generation asks for its assignment; the leader brings everyone's.
 *
 * @param groupInstanceId v3+, null before or for a dynamic member
 * @param protocolType    v5+, null before (then not checked)
 * @param protocolName    v5+, null before (then not checked)
 * @param assignments     the leader's assignment for every member; empty from the others
 */
public record SyncGroupRequest(
        String groupId,
        int generationId,
        String memberId,
        String groupInstanceId,
        String protocolType,
        String protocolName,
        List<Assignment> assignments) {

    public SyncGroupRequest {
        assignments = List.copyOf(assignments);
    }

    /** One member's assignment, opaque to the broker. */
    public record Assignment(String memberId, ByteBuffer assignment) {
    }
}

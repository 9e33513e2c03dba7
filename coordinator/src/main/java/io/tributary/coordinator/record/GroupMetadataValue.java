package io.tributary.coordinator.record;

import java.util.List;
import java.util.Objects;

/**
 * A group as persisted: written when a generation's assignment is stored (the leader's SyncGroup),
 * when a rebalance ends with no members (the group becomes Empty), and when a static member
 * replaces its member id in a Stable group.
 *
 * @param protocolType            the group's protocol type ({@code consumer} for consumers; empty for a
 *                                group that only commits offsets)
 * @param generationId            the generation these members and assignments belong to
 * @param protocolName            the protocol the group selected (the assignor), or null when empty
 * @param leaderId                the member id of the generation's leader, or null when empty
 * @param currentStateTimestampMs when the group entered its current state, or {@link #NO_TIMESTAMP};
 *                                offsets of an Empty group expire counting from it (KIP-211)
 * @param members                 the generation's members with their assignments
 */
public record GroupMetadataValue(String protocolType, int generationId, String protocolName, String leaderId,
                                 long currentStateTimestampMs, List<MemberValue> members) {

    public static final long NO_TIMESTAMP = -1L;

    public GroupMetadataValue {
        Objects.requireNonNull(protocolType, "protocolType");
        members = List.copyOf(members);
    }
}

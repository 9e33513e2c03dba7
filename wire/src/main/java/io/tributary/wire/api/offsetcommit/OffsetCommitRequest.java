package io.tributary.wire.api.offsetcommit;

import io.tributary.wire.api.TopicRef;
import java.util.List;

/**
 * An OffsetCommit request: a group's consumed positions. A member of the group sends its generation
 * and member id; a simple consumer or an admin tool (no membership) sends -1 and "".
 *
 * @param generationIdOrMemberEpoch -1 when not a member
 * @param groupInstanceId           v7+, null before or for a dynamic member
 * @param retentionTimeMs           v2-4 only; -1 (the broker's {@code offsets.retention.minutes}) otherwise
 * @param topics                    by name before v10, by id from v10 (KIP-848), where the name is null
 */
public record OffsetCommitRequest(
        String groupId,
        int generationIdOrMemberEpoch,
        String memberId,
        String groupInstanceId,
        long retentionTimeMs,
        List<Topic> topics) {

    public OffsetCommitRequest {
        topics = List.copyOf(topics);
    }

    public record Topic(TopicRef topic, List<Partition> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * @param committedLeaderEpoch v6+, -1 before or when unknown
     * @param committedMetadata    nullable; what the client wants kept beside the offset
     */
    public record Partition(int partition, long committedOffset, int committedLeaderEpoch, String committedMetadata) {
    }
}

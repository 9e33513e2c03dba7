package io.tributary.wire.api.offsetfetch;

import io.tributary.common.ErrorCode;
import io.tributary.wire.api.TopicRef;
import java.util.List;

/**
 * An OffsetFetch response: per group, a group-level error and each partition's committed offset.
 * Before v8 the wire holds one group; its error is the top-level error (v2+), and at v1, which has
 * none, it is written on every partition that has no error of its own.
 */
public record OffsetFetchResponse(int throttleTimeMs, List<Group> groups) {

    public OffsetFetchResponse {
        groups = List.copyOf(groups);
    }

    public record Group(String groupId, ErrorCode error, List<Topic> topics) {

        public Group {
            topics = List.copyOf(topics);
        }
    }

    public record Topic(TopicRef topic, List<Partition> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * @param committedOffset      -1 when the group has no offset for the partition
     * @param committedLeaderEpoch v5+, -1 when unknown
     * @param metadata             nullable
     */
    public record Partition(int partition, long committedOffset, int committedLeaderEpoch, String metadata, ErrorCode error) {

        public static Partition none(int partition, ErrorCode error) {
            return new Partition(partition, -1L, -1, "", error);
        }
    }
}

package io.tributary.wire.api.offsetdelete;

import java.util.List;

/**
 * An OffsetDelete request (KIP-496): drop a group's committed offsets for some partitions, which
 * {@code kafka-consumer-groups --delete-offsets} sends. The group must not be subscribed to them.
 */
public record OffsetDeleteRequest(String groupId, List<Topic> topics) {

    public OffsetDeleteRequest {
        topics = List.copyOf(topics);
    }

    public record Topic(String name, List<Integer> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }
}

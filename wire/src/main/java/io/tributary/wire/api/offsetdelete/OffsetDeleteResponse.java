package io.tributary.wire.api.offsetdelete;

import io.tributary.common.ErrorCode;
import java.util.List;

/**
 * An OffsetDelete response: a group-level error (with no topics when it is set, as Kafka answers) or
 * an error per partition, {@code GROUP_SUBSCRIBED_TO_TOPIC} for a topic the group still consumes.
 */
public record OffsetDeleteResponse(ErrorCode error, int throttleTimeMs, List<Topic> topics) {

    public OffsetDeleteResponse {
        topics = List.copyOf(topics);
    }

    public record Topic(String name, List<Partition> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    public record Partition(int partition, ErrorCode error) {
    }
}

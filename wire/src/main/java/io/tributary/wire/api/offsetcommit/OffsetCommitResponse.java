package io.tributary.wire.api.offsetcommit;

import io.tributary.common.ErrorCode;
import io.tributary.wire.api.TopicRef;
import java.util.List;

/** An OffsetCommit response: an error per partition. Topics go back as they came: by name before v10, by id from v10. */
public record OffsetCommitResponse(int throttleTimeMs, List<Topic> topics) {

    public OffsetCommitResponse {
        topics = List.copyOf(topics);
    }

    public record Topic(TopicRef topic, List<Partition> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    public record Partition(int partition, ErrorCode error) {
    }
}

package io.tributary.wire.api.listoffsets;

import io.tributary.common.ErrorCode;
import java.util.List;

/** A ListOffsets response. The leader epoch is dropped before v4, the throttle time before v2. */
public record ListOffsetsResponse(int throttleTimeMs, List<Topic> topics) {

    public ListOffsetsResponse {
        topics = List.copyOf(topics);
    }

    public record Topic(String name, List<Partition> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * @param timestamp   the found record's timestamp, -1 for the special queries or none
     * @param offset      the found offset, -1 for none
     * @param leaderEpoch the epoch of the found offset (v4+), -1 if unknown
     */
    public record Partition(int partition, ErrorCode error, long timestamp, long offset, int leaderEpoch) {

        public static Partition failed(int partition, ErrorCode error) {
            return new Partition(partition, error, -1L, -1L, -1);
        }
    }
}

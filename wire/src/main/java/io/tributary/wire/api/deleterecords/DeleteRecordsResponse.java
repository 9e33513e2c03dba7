package io.tributary.wire.api.deleterecords;

import io.tributary.common.ErrorCode;
import java.util.List;

/** A DeleteRecords response: per partition, the low watermark reached (the new log start on every in-sync replica) or an error. */
public record DeleteRecordsResponse(int throttleTimeMs, List<Topic> topics) {

    /** The low watermark a failed partition carries, as Kafka sends it. */
    public static final long INVALID_LOW_WATERMARK = -1L;

    public DeleteRecordsResponse {
        topics = List.copyOf(topics);
    }

    public record Topic(String name, List<Partition> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    public record Partition(int partition, long lowWatermark, ErrorCode error) {

        public static Partition failed(int partition, ErrorCode error) {
            return new Partition(partition, INVALID_LOW_WATERMARK, error);
        }
    }
}

package io.tributary.wire.api.deleterecords;

import java.util.List;

/**
 * A DeleteRecords request (KIP-107): move each partition's log start offset up to an offset, which
 * {@code Admin.deleteRecords} and {@code kafka-delete-records} send to each partition's leader.
 *
 * @param timeoutMs how long the leader may wait for every in-sync replica to reach the new log start
 */
public record DeleteRecordsRequest(List<Topic> topics, int timeoutMs) {

    /** The offset that asks for everything below the high watermark to go. */
    public static final long HIGH_WATERMARK = -1L;

    public DeleteRecordsRequest {
        topics = List.copyOf(topics);
    }

    public record Topic(String name, List<Partition> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /** @param offset the new log start offset, or {@link #HIGH_WATERMARK} */
    public record Partition(int partition, long offset) {
    }
}

package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;

import java.util.List;

/**
 * OffsetFetch's answer. A partition without a committed offset comes back with offset
 * {@link #NO_OFFSET}, leader epoch -1 and empty metadata, as Kafka answers it.
 */
public record OffsetFetchResponse(ErrorCode error, List<FetchedOffset> partitions) implements CoordinatorResponse {

    public static final long NO_OFFSET = -1L;

    public OffsetFetchResponse {
        partitions = List.copyOf(partitions);
    }

    public record FetchedOffset(TopicPartition partition, long offset, int leaderEpoch, String metadata,
                                ErrorCode error) {
    }
}

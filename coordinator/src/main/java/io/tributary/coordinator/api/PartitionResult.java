package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;

/** One partition's outcome in an answer that lists partitions. */
public record PartitionResult(TopicPartition partition, ErrorCode error) {
}

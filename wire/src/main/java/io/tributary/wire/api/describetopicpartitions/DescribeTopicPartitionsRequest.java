package io.tributary.wire.api.describetopicpartitions;

import java.util.List;

/**
 * A DescribeTopicPartitions request (KIP-966): topics by name, at most {@code responsePartitionLimit}
 * partitions in the answer, starting from {@code cursor}.
 *
 * @param topics                 the topics asked for; empty means every topic
 * @param responsePartitionLimit how many partitions the client accepts in one response (Kafka's default 2000)
 * @param cursor                 where to start (the {@code nextCursor} of the previous response), or null from the beginning
 */
public record DescribeTopicPartitionsRequest(List<String> topics, int responsePartitionLimit, Cursor cursor) {

    public DescribeTopicPartitionsRequest {
        topics = List.copyOf(topics);
    }

    /** A position in the name-ordered list of partitions: this topic, from this partition index on. */
    public record Cursor(String topicName, int partitionIndex) {
    }
}

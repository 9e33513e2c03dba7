package io.tributary.wire.api.reassignments;

import java.util.List;

/**
 * A ListPartitionReassignments request ({@code kafka-reassign-partitions --verify/--list},
 * {@code Admin.listPartitionReassignments}).
 *
 * @param topics the partitions to report on, or null for every partition
 */
public record ListPartitionReassignmentsRequest(int timeoutMs, List<Topic> topics) {

    public ListPartitionReassignmentsRequest {
        topics = topics == null ? null : List.copyOf(topics);
    }

    public record Topic(String name, List<Integer> partitionIndexes) {

        public Topic {
            partitionIndexes = List.copyOf(partitionIndexes);
        }
    }
}

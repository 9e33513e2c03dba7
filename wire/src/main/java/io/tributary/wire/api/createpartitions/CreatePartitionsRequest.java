package io.tributary.wire.api.createpartitions;

import java.util.List;

/** A CreatePartitions request. */
public record CreatePartitionsRequest(List<Topic> topics, int timeoutMs, boolean validateOnly) {

    public CreatePartitionsRequest {
        topics = List.copyOf(topics);
    }

    /**
     * @param count       the new total number of partitions
     * @param assignments the replicas of each new partition, in order; empty when the broker chooses
     *                    (the wire's null)
     */
    public record Topic(String name, int count, List<List<Integer>> assignments) {

        public Topic {
            assignments = assignments.stream().map(List::copyOf).toList();
        }
    }
}

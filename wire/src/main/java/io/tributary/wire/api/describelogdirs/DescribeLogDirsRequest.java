package io.tributary.wire.api.describelogdirs;

import java.util.List;

/**
 * A DescribeLogDirs request: the partitions to report, or {@code null} for every partition of the broker.
 *
 * @param topics the topics and their partition indexes, or {@code null} for all
 */
public record DescribeLogDirsRequest(List<Topic> topics) {

    public DescribeLogDirsRequest {
        topics = topics == null ? null : List.copyOf(topics);
    }

    /** Whether every partition of the broker is asked for. */
    public boolean allTopics() {
        return topics == null;
    }

    public record Topic(String name, List<Integer> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }
}

package io.tributary.wire.api.createtopics;

import java.util.List;

/** A CreateTopics request. */
public record CreateTopicsRequest(List<Topic> topics, int timeoutMs, boolean validateOnly) {

    /** {@code numPartitions} or {@code replicationFactor} asking for the broker's default (KIP-464, v4+). */
    public static final int USE_BROKER_DEFAULT = -1;

    public CreateTopicsRequest {
        topics = List.copyOf(topics);
    }

    /**
     * One topic to create. With explicit {@code assignments}, {@code numPartitions} and
     * {@code replicationFactor} are -1 and the assignments say both.
     *
     * @param numPartitions     a count, or {@link #USE_BROKER_DEFAULT} ({@code num.partitions})
     * @param replicationFactor a factor, or {@link #USE_BROKER_DEFAULT} ({@code default.replication.factor})
     * @param configs           topic configs in request order; a value may be null
     */
    public record Topic(String name, int numPartitions, short replicationFactor, List<Assignment> assignments, List<Config> configs) {

        public Topic {
            assignments = List.copyOf(assignments);
            configs = List.copyOf(configs);
        }
    }

    /** The replicas of one partition, preferred leader first. */
    public record Assignment(int partitionIndex, List<Integer> brokerIds) {

        public Assignment {
            brokerIds = List.copyOf(brokerIds);
        }
    }

    /** A topic config; {@code value} may be null. */
    public record Config(String name, String value) {
    }
}

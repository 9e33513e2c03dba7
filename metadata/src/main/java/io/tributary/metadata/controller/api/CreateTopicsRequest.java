package io.tributary.metadata.controller.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CreateTopics. For each topic, either {@code numPartitions}/{@code replicationFactor} (each -1
 * for the broker's {@code num.partitions}/{@code default.replication.factor}) or an explicit
 * {@code assignments} map from partition to its replicas (the first replica is the preferred
 * leader), as Kafka allows.
 */
public record CreateTopicsRequest(List<Topic> topics, boolean validateOnly)
        implements ControllerCommand<CreateTopicsResponse> {

    public CreateTopicsRequest {
        topics = List.copyOf(topics);
    }

    /**
     * @param assignments empty for automatic placement
     * @param configs topic config overrides; a {@code null} value is refused
     */
    public record Topic(String name, int numPartitions, int replicationFactor,
                        Map<Integer, List<Integer>> assignments, Map<String, String> configs) {
        public Topic {
            Objects.requireNonNull(name, "name");
            assignments = assignments == null ? Map.of() : assignments;
            configs = configs == null ? Map.of() : configs;
        }

        /** A topic with automatic placement and no overrides. */
        public static Topic of(String name, int numPartitions, int replicationFactor) {
            return new Topic(name, numPartitions, replicationFactor, Map.of(), Map.of());
        }
    }
}

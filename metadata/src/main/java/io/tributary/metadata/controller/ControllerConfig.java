package io.tributary.metadata.controller;

import io.tributary.common.config.ConfigSchema;
import io.tributary.common.config.ConfigType;
import io.tributary.common.config.Validator;

import java.util.Map;

/**
 * What the controller takes from the node's static config, with Kafka's keys and defaults.
 *
 * @param defaultNumPartitions {@code num.partitions}: partitions of a topic created with -1
 * @param defaultReplicationFactor {@code default.replication.factor}: replication factor for -1
 * @param brokerSessionTimeoutMs {@code broker.session.timeout.ms}: a broker that has not
 *                               heartbeated for this long is fenced
 * @param deleteTopicEnable {@code delete.topic.enable}
 * @param producerIdBlockSize ids handed out per AllocateProducerIds (Kafka: 1000)
 * @param maxUncommittedBatches how many appended but uncommitted batches the controller tracks;
 *                              commands beyond that must wait (backpressure)
 * @param staticBrokerConfig the whole static config, for topic config defaults
 */
public record ControllerConfig(int defaultNumPartitions, int defaultReplicationFactor, long brokerSessionTimeoutMs,
                               boolean deleteTopicEnable, int producerIdBlockSize, int maxUncommittedBatches,
                               Map<String, String> staticBrokerConfig) {

    public static final String NUM_PARTITIONS = "num.partitions";
    public static final String DEFAULT_REPLICATION_FACTOR = "default.replication.factor";
    public static final String BROKER_SESSION_TIMEOUT_MS = "broker.session.timeout.ms";
    public static final String DELETE_TOPIC_ENABLE = "delete.topic.enable";

    /** The keys the controller reads, with Kafka's defaults. */
    public static final ConfigSchema SCHEMA = new ConfigSchema()
            .define(NUM_PARTITIONS, ConfigType.INT, 1, Validator.atLeast(1), "Partitions of a topic created without a count.")
            .define(DEFAULT_REPLICATION_FACTOR, ConfigType.INT, 1, Validator.between(1, Short.MAX_VALUE),
                    "Replication factor of a topic created without one.")
            .define(BROKER_SESSION_TIMEOUT_MS, ConfigType.LONG, 9000L, Validator.atLeast(1),
                    "A broker that has not heartbeated for this long is fenced and loses its leaderships.")
            .define(DELETE_TOPIC_ENABLE, ConfigType.BOOLEAN, true, "Whether topics may be deleted.");

    public ControllerConfig {
        if (defaultNumPartitions < 1 || defaultReplicationFactor < 1) {
            throw new IllegalArgumentException("default partitions and replication factor must be >= 1");
        }
        if (brokerSessionTimeoutMs < 1 || producerIdBlockSize < 1 || maxUncommittedBatches < 1) {
            throw new IllegalArgumentException("session timeout, producer id block size and uncommitted bound must be >= 1");
        }
        staticBrokerConfig = Map.copyOf(staticBrokerConfig);
    }

    /** Kafka's defaults, with no static overrides. */
    public static ControllerConfig defaults() {
        return fromProperties(Map.of());
    }

    /** Reads the controller's keys from the node's config; throws ConfigException naming a bad key. */
    public static ControllerConfig fromProperties(Map<String, String> props) {
        ConfigSchema.Parsed p = SCHEMA.parse(props);
        return new ControllerConfig((Integer) p.get(NUM_PARTITIONS), (Integer) p.get(DEFAULT_REPLICATION_FACTOR),
                (Long) p.get(BROKER_SESSION_TIMEOUT_MS), (Boolean) p.get(DELETE_TOPIC_ENABLE), 1000, 10_000, props);
    }

    public ControllerConfig withBrokerSessionTimeoutMs(long timeoutMs) {
        return new ControllerConfig(defaultNumPartitions, defaultReplicationFactor, timeoutMs, deleteTopicEnable,
                producerIdBlockSize, maxUncommittedBatches, staticBrokerConfig);
    }

    public ControllerConfig withMaxUncommittedBatches(int max) {
        return new ControllerConfig(defaultNumPartitions, defaultReplicationFactor, brokerSessionTimeoutMs, deleteTopicEnable,
                producerIdBlockSize, max, staticBrokerConfig);
    }
}

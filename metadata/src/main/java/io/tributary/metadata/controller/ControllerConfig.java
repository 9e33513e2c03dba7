package io.tributary.metadata.controller;

import io.tributary.common.config.ConfigSchema;
import io.tributary.common.config.ConfigType;
import io.tributary.common.config.Validator;

import java.util.Map;
import java.util.concurrent.TimeUnit;

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
 * @param autoLeaderRebalanceEnable {@code auto.leader.rebalance.enable}: whether the active controller
 *                                  moves leadership back to preferred replicas on its own
 * @param leaderImbalanceCheckIntervalMs {@code leader.imbalance.check.interval.seconds}, in ms: how
 *                                       often it looks
 * @param leaderImbalancePerBrokerPercentage {@code leader.imbalance.per.broker.percentage}: the share
 *                                           of a broker's preferred partitions others may lead
 *                                           before it acts
 */
public record ControllerConfig(int defaultNumPartitions, int defaultReplicationFactor, long brokerSessionTimeoutMs,
                               boolean deleteTopicEnable, int producerIdBlockSize, int maxUncommittedBatches,
                               Map<String, String> staticBrokerConfig, boolean autoLeaderRebalanceEnable,
                               long leaderImbalanceCheckIntervalMs, int leaderImbalancePerBrokerPercentage) {

    public static final String NUM_PARTITIONS = "num.partitions";
    public static final String DEFAULT_REPLICATION_FACTOR = "default.replication.factor";
    public static final String BROKER_SESSION_TIMEOUT_MS = "broker.session.timeout.ms";
    public static final String DELETE_TOPIC_ENABLE = "delete.topic.enable";
    public static final String AUTO_LEADER_REBALANCE_ENABLE = "auto.leader.rebalance.enable";
    public static final String LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS = "leader.imbalance.check.interval.seconds";
    public static final String LEADER_IMBALANCE_PER_BROKER_PERCENTAGE = "leader.imbalance.per.broker.percentage";

    /** Kafka's defaults: look every five minutes, act when more than a tenth of a broker's partitions are led elsewhere. */
    public static final long DEFAULT_LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS = 300L;
    public static final int DEFAULT_LEADER_IMBALANCE_PER_BROKER_PERCENTAGE = 10;

    /**
     * Tributary's default (Kafka: 9000). A crashed broker's connection closes and fences it at
     * once; the session only has to catch a broker that is stopped or cut off, and at 1500 ms,
     * five heartbeats of {@code broker.heartbeat.interval.ms}=300, it still rides out a lost packet's
     * retransmission or a GC pause. The reasoning is in docs/design/cluster.md.
     */
    public static final long DEFAULT_BROKER_SESSION_TIMEOUT_MS = 1500L;

    /** The keys the controller reads, with Kafka's defaults. */
    public static final ConfigSchema SCHEMA = new ConfigSchema()
            .define(NUM_PARTITIONS, ConfigType.INT, 1, Validator.atLeast(1), "Partitions of a topic created without a count.")
            .define(DEFAULT_REPLICATION_FACTOR, ConfigType.INT, 1, Validator.between(1, Short.MAX_VALUE),
                    "Replication factor of a topic created without one.")
            .define(BROKER_SESSION_TIMEOUT_MS, ConfigType.LONG, DEFAULT_BROKER_SESSION_TIMEOUT_MS, Validator.atLeast(1),
                    "A broker that has not heartbeated for this long is fenced and loses its leaderships.")
            .define(DELETE_TOPIC_ENABLE, ConfigType.BOOLEAN, true, "Whether topics may be deleted.")
            .define(AUTO_LEADER_REBALANCE_ENABLE, ConfigType.BOOLEAN, true,
                    "Whether the active controller moves leadership back to preferred replicas on its own.")
            .define(LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS, ConfigType.LONG, DEFAULT_LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS,
                    Validator.atLeast(1), "How often the active controller checks for leader imbalance.")
            .define(LEADER_IMBALANCE_PER_BROKER_PERCENTAGE, ConfigType.INT, DEFAULT_LEADER_IMBALANCE_PER_BROKER_PERCENTAGE,
                    Validator.between(0, 100), "The share of a broker's preferred partitions others may lead before "
                            + "the controller moves them back.");

    public ControllerConfig {
        if (defaultNumPartitions < 1 || defaultReplicationFactor < 1) {
            throw new IllegalArgumentException("default partitions and replication factor must be >= 1");
        }
        if (brokerSessionTimeoutMs < 1 || producerIdBlockSize < 1 || maxUncommittedBatches < 1) {
            throw new IllegalArgumentException("session timeout, producer id block size and uncommitted bound must be >= 1");
        }
        if (leaderImbalanceCheckIntervalMs < 1 || leaderImbalancePerBrokerPercentage < 0 || leaderImbalancePerBrokerPercentage > 100) {
            throw new IllegalArgumentException("leader imbalance check interval must be >= 1 ms and the percentage within 0..100");
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
                (Long) p.get(BROKER_SESSION_TIMEOUT_MS), (Boolean) p.get(DELETE_TOPIC_ENABLE), 1000, 10_000, props,
                (Boolean) p.get(AUTO_LEADER_REBALANCE_ENABLE),
                TimeUnit.SECONDS.toMillis((Long) p.get(LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS)),
                (Integer) p.get(LEADER_IMBALANCE_PER_BROKER_PERCENTAGE));
    }

    public ControllerConfig withBrokerSessionTimeoutMs(long timeoutMs) {
        return new ControllerConfig(defaultNumPartitions, defaultReplicationFactor, timeoutMs, deleteTopicEnable,
                producerIdBlockSize, maxUncommittedBatches, staticBrokerConfig, autoLeaderRebalanceEnable,
                leaderImbalanceCheckIntervalMs, leaderImbalancePerBrokerPercentage);
    }

    public ControllerConfig withMaxUncommittedBatches(int max) {
        return new ControllerConfig(defaultNumPartitions, defaultReplicationFactor, brokerSessionTimeoutMs, deleteTopicEnable,
                producerIdBlockSize, max, staticBrokerConfig, autoLeaderRebalanceEnable, leaderImbalanceCheckIntervalMs,
                leaderImbalancePerBrokerPercentage);
    }

    /** Tests: the leader imbalance check every {@code intervalMs} (the key itself counts whole seconds). */
    public ControllerConfig withLeaderImbalanceCheckIntervalMs(long intervalMs) {
        return new ControllerConfig(defaultNumPartitions, defaultReplicationFactor, brokerSessionTimeoutMs, deleteTopicEnable,
                producerIdBlockSize, maxUncommittedBatches, staticBrokerConfig, autoLeaderRebalanceEnable, intervalMs,
                leaderImbalancePerBrokerPercentage);
    }
}

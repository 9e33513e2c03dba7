package io.tributary.broker.handler;

import io.tributary.coordinator.GroupRouting;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;

/** Topics Kafka marks internal: clients may not write them and Metadata flags them. */
public final class InternalTopics {

    public static final String CONSUMER_OFFSETS = "__consumer_offsets";
    public static final String TRANSACTION_STATE = "__transaction_state";

    private InternalTopics() {
    }

    public static boolean isInternal(String topic) {
        return CONSUMER_OFFSETS.equals(topic) || TRANSACTION_STATE.equals(topic);
    }

    /**
     * The replication factor a broker asks for when it creates an internal topic: the configured one
     * ({@code offsets.topic.replication.factor}, 3 by default) capped at the live brokers, so a cluster
     * smaller than three (a dev cluster, one node) still gets its internal topics, each partition on
     * every broker there is. The controller's placement refuses a factor above the live brokers, and
     * does not cap it itself (CreateTopics from a client must fail that way), so the cap is the
     * creating broker's: it applies when {@value #CONSUMER_OFFSETS} is created (see {@link #consumerOffsets}).
     */
    public static short replicationFactor(int configured, int liveBrokers) {
        if (configured < 1) {
            throw new IllegalArgumentException("a replication factor must be at least 1, got " + configured);
        }
        return (short) Math.max(1, Math.min(configured, liveBrokers));
    }

    /**
     * How {@value #CONSUMER_OFFSETS} is created, as Kafka creates it: {@code offsets.topic.num.partitions}
     * partitions and {@code offsets.topic.replication.factor} replicas capped at the live brokers. Kafka
     * also makes it compacted; Tributary has no log cleaner yet and refuses {@code cleanup.policy=compact}
     * rather than ignore it, so the group coordinator, which needs compaction, will add that config.
     *
     * @param liveBrokers unfenced brokers in the metadata image now
     */
    public static CreateTopicsRequest.Topic consumerOffsets(int numPartitions, int configuredReplicationFactor, int liveBrokers) {
        if (numPartitions < 1) {
            throw new IllegalArgumentException("offsets.topic.num.partitions must be at least 1, got " + numPartitions);
        }
        return CreateTopicsRequest.Topic.of(CONSUMER_OFFSETS, numPartitions, replicationFactor(configuredReplicationFactor, liveBrokers));
    }

    /** {@link #consumerOffsets(int, int, int)} with the live brokers counted in {@code image}. */
    public static CreateTopicsRequest.Topic consumerOffsets(int numPartitions, int configuredReplicationFactor, MetadataImage image) {
        return consumerOffsets(numPartitions, configuredReplicationFactor, liveBrokers(image));
    }

    /** Unfenced brokers in {@code image}. */
    public static int liveBrokers(MetadataImage image) {
        int live = 0;
        for (BrokerRegistration b : image.brokers().values()) {
            if (!b.fenced()) {
                live++;
            }
        }
        return live;
    }

    /**
     * The partition of {@value #CONSUMER_OFFSETS} that holds {@code groupId}'s records, whose leader is
     * the group's coordinator: the group id's {@code String.hashCode()}, made non-negative as Kafka's
     * {@code Utils.abs} does (which maps {@code Integer.MIN_VALUE} to 0, where {@code Math.abs} would
     * stay negative), modulo the partition count. It equals Kafka's mapping, so a group keeps its
     * partition when a cluster moves between Kafka and Tributary.
     */
    public static int consumerOffsetsPartition(String groupId, int partitionCount) {
        // One function for FindCoordinator and the coordinator itself, so they can never disagree.
        return GroupRouting.partitionFor(groupId, partitionCount);
    }
}

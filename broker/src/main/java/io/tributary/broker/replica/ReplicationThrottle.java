package io.tributary.broker.replica;

import io.tributary.broker.image.MetadataView;
import io.tributary.common.TopicPartition;
import io.tributary.metadata.config.DynamicBrokerKeys;
import io.tributary.metadata.config.TopicConfigs;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;

/**
 * One side of Kafka's replication throttle (KIP-73), as {@code kafka-reassign-partitions --throttle}
 * sets it up: a rate in bytes/s for this broker ({@code leader.replication.throttled.rate} or
 * {@code follower.replication.throttled.rate}, per broker, else the cluster default, else the
 * properties file), applied only to the replicas a topic lists in
 * {@code leader.replication.throttled.replicas} / {@code follower.replication.throttled.replicas}
 * ({@code partition:broker} entries naming this broker, or {@code *}) whose follower is outside the
 * ISR: a move's new replicas, never the followers {@code acks=all} waits on.
 *
 * <p>The rate is kept by a token bucket holding at most one second of the rate: bytes sent take
 * tokens, time adds them, and while the bucket is empty a throttled replica gets (leader) or asks
 * for (follower) no data. So over any span of T ms at most {@code rate * (T / 1000 + 1)} bytes plus
 * one fetch's worth go out, as Kafka's quota allows one response past the limit. Thread-safe.
 */
public final class ReplicationThrottle {

    private static final long MS_PER_SECOND = 1000;

    private final String rateKey;
    private final String replicasKey;
    private final int nodeId;
    private final long staticRate;
    private final MetadataView metadata;
    private double tokens;          // guarded by this
    private long lastRefillMs = -1; // guarded by this

    private ReplicationThrottle(String rateKey, String replicasKey, int nodeId, long staticRate, MetadataView metadata) {
        this.rateKey = rateKey;
        this.replicasKey = replicasKey;
        this.nodeId = nodeId;
        this.staticRate = staticRate;
        this.metadata = metadata;
    }

    /** What this broker sends as a leader to throttled followers. */
    public static ReplicationThrottle leader(int nodeId, long staticRate, MetadataView metadata) {
        return new ReplicationThrottle(DynamicBrokerKeys.LEADER_REPLICATION_THROTTLED_RATE,
                TopicConfigs.LEADER_REPLICATION_THROTTLED_REPLICAS, nodeId, staticRate, metadata);
    }

    /** What this broker fetches as a follower for its throttled replicas. */
    public static ReplicationThrottle follower(int nodeId, long staticRate, MetadataView metadata) {
        return new ReplicationThrottle(DynamicBrokerKeys.FOLLOWER_REPLICATION_THROTTLED_RATE,
                TopicConfigs.FOLLOWER_REPLICATION_THROTTLED_REPLICAS, nodeId, staticRate, metadata);
    }

    /** The rate in force now, in bytes/s ({@link DynamicBrokerKeys#UNTHROTTLED} for none). */
    public long rateBytesPerSecond() {
        MetadataImage image = metadata.image();
        String text = image.configs(ConfigResource.broker(nodeId)).get(rateKey);
        if (text == null) {
            text = image.configs(ConfigResource.defaultBroker()).get(rateKey);
        }
        if (text == null) {
            return staticRate;
        }
        try {
            return DynamicBrokerKeys.parseRate(rateKey, text);
        } catch (IllegalArgumentException e) {
            // The controller validated it; a value that no longer parses changes nothing.
            return staticRate;
        }
    }

    /**
     * Whether replication of {@code tp} to follower {@code followerId} is throttled on this broker:
     * the topic lists the partition for this broker (or {@code *}) and the follower is not in the ISR.
     */
    public boolean isThrottled(MetadataImage image, TopicPartition tp, int followerId) {
        TopicImage t = image.topic(tp.topic());
        PartitionRegistration reg = t == null ? null : t.partition(tp.partition());
        if (reg == null || reg.inIsr(followerId)) {
            return false;
        }
        String listed = image.topicConfigs(tp.topic()).get(replicasKey);
        if (listed == null || listed.isBlank()) {
            return false;
        }
        String mine = tp.partition() + ":" + nodeId;
        for (String item : listed.split(",")) {
            String entry = item.trim();
            if (entry.equals("*") || entry.equals(mine)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the bytes sent lately used up the rate: a throttled replica gets nothing until time refills it. */
    public synchronized boolean isExceeded(long nowMs) {
        long rate = refill(nowMs);
        return rate != DynamicBrokerKeys.UNTHROTTLED && tokens <= 0;
    }

    /** Counts {@code bytes} sent (leader) or received (follower) for throttled replicas. */
    public synchronized void record(long bytes, long nowMs) {
        long rate = refill(nowMs);
        if (rate != DynamicBrokerKeys.UNTHROTTLED) {
            tokens -= bytes;
        }
    }

    private long refill(long nowMs) {
        long rate = rateBytesPerSecond();
        if (rate == DynamicBrokerKeys.UNTHROTTLED) {
            tokens = 0;
            lastRefillMs = nowMs;
            return rate;
        }
        if (lastRefillMs < 0) {
            // A new throttle starts with one second's worth, as a bucket that was idle would have.
            tokens = rate;
        } else if (nowMs > lastRefillMs) {
            tokens = Math.min(rate, tokens + (double) rate * (nowMs - lastRefillMs) / MS_PER_SECOND);
        }
        lastRefillMs = Math.max(lastRefillMs, nowMs);
        return rate;
    }
}

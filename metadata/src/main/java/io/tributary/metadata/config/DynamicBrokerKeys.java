package io.tributary.metadata.config;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which broker-level keys an operator may change at run time ({@code kafka-configs --entity-type
 * brokers}), and the refusal for the rest, in Kafka's words.
 *
 * <p>Tributary applies the dynamic broker-level synonyms of topic keys
 * ({@link TopicConfigs#dynamicBrokerKeys()}: {@code log.retention.ms}, {@code log.segment.bytes},
 * {@code message.max.bytes}, {@code min.insync.replicas}, ...). Kafka can also resize some thread
 * pools, the cleaner and connection limits at run time ({@link #KAFKA_ONLY}); Tributary reads those
 * only at startup, so it refuses them with Kafka's error and a sentence that says what to do instead.
 */
public final class DynamicBrokerKeys {

    /** Keys Kafka changes at run time that Tributary reads only at startup. */
    static final Set<String> KAFKA_ONLY = Set.of(
            "background.threads",
            "log.cleaner.backoff.ms",
            "log.cleaner.dedupe.buffer.size",
            "log.cleaner.io.buffer.load.factor",
            "log.cleaner.io.buffer.size",
            "log.cleaner.io.max.bytes.per.second",
            "log.cleaner.threads",
            "max.connection.creation.rate",
            "max.connections",
            "max.connections.per.ip",
            "max.connections.per.ip.overrides",
            "num.io.threads",
            "num.network.threads",
            "num.recovery.threads.per.data.dir",
            "num.replica.fetchers",
            "producer.id.expiration.ms");

    /** Kafka's broker-level replication throttles (bytes/s), which have no topic synonym; see {@link #replicationThrottles()}. */
    public static final String LEADER_REPLICATION_THROTTLED_RATE = "leader.replication.throttled.rate";
    public static final String FOLLOWER_REPLICATION_THROTTLED_RATE = "follower.replication.throttled.rate";
    public static final String REPLICA_ALTER_LOG_DIRS_IO_MAX_BYTES_PER_SECOND = "replica.alter.log.dirs.io.max.bytes.per.second";

    /** An unthrottled rate, Kafka's default for the three throttles. */
    public static final long UNTHROTTLED = Long.MAX_VALUE;

    private DynamicBrokerKeys() {
    }

    /**
     * The broker-only dynamic keys: the replication throttles {@code kafka-reassign-partitions --throttle}
     * sets on every broker and {@code --verify} removes (KIP-73). Each is a rate in bytes/s, at least 0,
     * unthrottled by default. {@code replica.alter.log.dirs.io.max.bytes.per.second} throttles moves
     * between one broker's log dirs, which Tributary does not make (AlterReplicaLogDirs refuses them),
     * so it is stored and shown but has nothing to slow down.
     */
    public static Set<String> replicationThrottles() {
        return Set.of(LEADER_REPLICATION_THROTTLED_RATE, FOLLOWER_REPLICATION_THROTTLED_RATE,
                REPLICA_ALTER_LOG_DIRS_IO_MAX_BYTES_PER_SECOND);
    }

    /** Every key that may be set on a broker resource: the topic keys' broker synonyms and the throttles. */
    public static Set<String> all() {
        Set<String> keys = new TreeSet<>(TopicConfigs.dynamicBrokerKeys());
        keys.addAll(replicationThrottles());
        return keys;
    }

    /** Parses a throttle rate (bytes/s, a long of at least 0), or throws {@link IllegalArgumentException} saying why not. */
    public static long parseRate(String key, String value) {
        long rate;
        try {
            rate = Long.parseLong(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("Invalid value " + value + " for configuration " + key + ": Not a number of type LONG");
        }
        if (rate < 0) {
            throw new IllegalArgumentException("Invalid value " + value + " for configuration " + key + ": Value must be at least 0");
        }
        return rate;
    }

    /** The keys Kafka changes at run time that Tributary reads only at startup (refused dynamically). */
    public static Set<String> kafkaOnly() {
        return new TreeSet<>(KAFKA_ONLY);
    }

    /** Whether {@code key} may be set on a broker resource (per broker or the cluster default). */
    public static boolean isDynamic(String key) {
        return TopicConfigs.dynamicBrokerKeys().contains(key) || replicationThrottles().contains(key);
    }

    /**
     * The message refusing {@code keys}, none of them dynamic: Kafka's ("Cannot update these configs
     * dynamically: [k]"), plus, for keys Kafka could change, that Tributary reads them at startup.
     */
    public static String refusal(Collection<String> keys) {
        Set<String> sorted = new TreeSet<>(keys);
        String message = "Cannot update these configs dynamically: " + sorted;
        Set<String> kafkaOnly = new TreeSet<>(sorted);
        kafkaOnly.retainAll(KAFKA_ONLY);
        if (!kafkaOnly.isEmpty()) {
            message += ". Tributary reads " + kafkaOnly + " only at startup: set it in the node's properties file and restart the node";
        }
        return message;
    }
}

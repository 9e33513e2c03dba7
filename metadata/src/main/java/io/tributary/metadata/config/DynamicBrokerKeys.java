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

    private DynamicBrokerKeys() {
    }

    /** The keys Kafka changes at run time that Tributary reads only at startup (refused dynamically). */
    public static Set<String> kafkaOnly() {
        return new TreeSet<>(KAFKA_ONLY);
    }

    /** Whether {@code key} may be set on a broker resource (per broker or the cluster default). */
    public static boolean isDynamic(String key) {
        return TopicConfigs.dynamicBrokerKeys().contains(key);
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

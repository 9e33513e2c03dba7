package io.tributary.metadata.config;

import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.ConfigSchema;
import io.tributary.common.config.ConfigType;
import io.tributary.common.config.Validator;
import io.tributary.metadata.record.Replicas;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The topic-level config keys, with Kafka's names, types, validators and defaults (Kafka 4.x), and
 * the broker-level key each falls back to when a topic does not override it.
 *
 * <p>Where Tributary does not implement a feature, the key still exists (clients describe it), but
 * a value that would turn the feature on is refused with a message that says so, rather than
 * accepted and silently ignored: {@code remote.storage.enable=true}.
 */
public final class TopicConfigs {

    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String COMPRESSION_GZIP_LEVEL = "compression.gzip.level";
    public static final String COMPRESSION_LZ4_LEVEL = "compression.lz4.level";
    public static final String COMPRESSION_ZSTD_LEVEL = "compression.zstd.level";
    public static final String DELETE_RETENTION_MS = "delete.retention.ms";
    public static final String FILE_DELETE_DELAY_MS = "file.delete.delay.ms";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";
    public static final String FOLLOWER_REPLICATION_THROTTLED_REPLICAS = "follower.replication.throttled.replicas";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String LEADER_REPLICATION_THROTTLED_REPLICAS = "leader.replication.throttled.replicas";
    public static final String LOCAL_RETENTION_BYTES = "local.retention.bytes";
    public static final String LOCAL_RETENTION_MS = "local.retention.ms";
    public static final String MAX_COMPACTION_LAG_MS = "max.compaction.lag.ms";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String MESSAGE_TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";
    public static final String MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String MIN_CLEANABLE_DIRTY_RATIO = "min.cleanable.dirty.ratio";
    public static final String MIN_COMPACTION_LAG_MS = "min.compaction.lag.ms";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final String PREALLOCATE = "preallocate";
    public static final String REMOTE_LOG_COPY_DISABLE = "remote.log.copy.disable";
    public static final String REMOTE_LOG_DELETE_ON_DISABLE = "remote.log.delete.on.disable";
    public static final String REMOTE_STORAGE_ENABLE = "remote.storage.enable";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String RETENTION_MS = "retention.ms";
    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    public static final String SEGMENT_JITTER_MS = "segment.jitter.ms";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";

    private static final long HOUR_MS = 3_600_000L;
    private static final long MINUTE_MS = 60_000L;
    private static final Pattern THROTTLED_REPLICA = Pattern.compile("\\*|[0-9]+:[0-9]+");

    /** The policies Kafka defines, in the order its error message lists them. */
    public static final List<String> CLEANUP_POLICIES = List.of("compact", "delete");

    private static final ConfigSchema SCHEMA = new ConfigSchema();
    private static final Map<String, List<BrokerSynonym>> SYNONYMS = new LinkedHashMap<>();

    static {
        def(CLEANUP_POLICY, ConfigType.LIST, List.of("delete"), cleanupPolicy(),
                "The retention policy for old segments: \"delete\" deletes them once past the retention time or size, "
                        + "\"compact\" keeps the latest record of each key, and \"compact,delete\" does both.",
                same("log.cleanup.policy", ConfigType.LIST, List.of("delete")));
        def(COMPRESSION_TYPE, ConfigType.STRING, "producer",
                Validator.oneOf("uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"),
                "The final compression of the topic's batches; \"producer\" keeps what the producer sent.",
                same(COMPRESSION_TYPE, ConfigType.STRING, "producer"));
        def(COMPRESSION_GZIP_LEVEL, ConfigType.INT, -1, gzipLevel(),
                "The gzip level used when compression.type is gzip (-1 for the codec's default).",
                same(COMPRESSION_GZIP_LEVEL, ConfigType.INT, -1));
        def(COMPRESSION_LZ4_LEVEL, ConfigType.INT, 9, Validator.between(1, 17),
                "The lz4 level used when compression.type is lz4.", same(COMPRESSION_LZ4_LEVEL, ConfigType.INT, 9));
        def(COMPRESSION_ZSTD_LEVEL, ConfigType.INT, 3, Validator.between(-131072, 22),
                "The zstd level used when compression.type is zstd.", same(COMPRESSION_ZSTD_LEVEL, ConfigType.INT, 3));
        def(DELETE_RETENTION_MS, ConfigType.LONG, 86_400_000L, Validator.atLeast(0),
                "How long delete tombstones are kept on compacted topics.",
                same("log.cleaner.delete.retention.ms", ConfigType.LONG, 86_400_000L));
        def(FILE_DELETE_DELAY_MS, ConfigType.LONG, 60_000L, Validator.atLeast(0),
                "How long a deleted segment's files stay open before they are removed, so in-flight reads finish.",
                same("log.segment.delete.delay.ms", ConfigType.LONG, 60_000L));
        def(FLUSH_MESSAGES, ConfigType.LONG, Long.MAX_VALUE, Validator.atLeast(1),
                "Force an fsync after this many messages (replication, not fsync, is what keeps data safe).",
                same("log.flush.interval.messages", ConfigType.LONG, Long.MAX_VALUE));
        def(FLUSH_MS, ConfigType.LONG, Long.MAX_VALUE, Validator.atLeast(0),
                "Force an fsync after this many milliseconds.", new BrokerSynonym("log.flush.interval.ms", ConfigType.LONG, 1, null));
        def(FOLLOWER_REPLICATION_THROTTLED_REPLICAS, ConfigType.LIST, List.of(), throttledReplicas(),
                "Replicas whose follower fetches are throttled, as partition:broker pairs, or * for all.");
        def(INDEX_INTERVAL_BYTES, ConfigType.INT, 4096, Validator.atLeast(0),
                "How many bytes of batches may pass between two offset index entries.",
                same("log.index.interval.bytes", ConfigType.INT, 4096));
        def(LEADER_REPLICATION_THROTTLED_REPLICAS, ConfigType.LIST, List.of(), throttledReplicas(),
                "Replicas whose leader-side replication is throttled, as partition:broker pairs, or * for all.");
        def(LOCAL_RETENTION_BYTES, ConfigType.LONG, -2L, Validator.atLeast(-2),
                "Local retention in bytes with tiered storage (-2 means retention.bytes).",
                same("log.local.retention.bytes", ConfigType.LONG, -2L));
        def(LOCAL_RETENTION_MS, ConfigType.LONG, -2L, Validator.atLeast(-2),
                "Local retention in milliseconds with tiered storage (-2 means retention.ms).",
                same("log.local.retention.ms", ConfigType.LONG, -2L));
        def(MAX_COMPACTION_LAG_MS, ConfigType.LONG, Long.MAX_VALUE, Validator.atLeast(1),
                "The longest a message stays uncompacted on compacted topics.",
                same("log.cleaner.max.compaction.lag.ms", ConfigType.LONG, Long.MAX_VALUE));
        def(MAX_MESSAGE_BYTES, ConfigType.INT, 1_048_588, Validator.atLeast(0),
                "The largest record batch the topic accepts, after compression.",
                same("message.max.bytes", ConfigType.INT, 1_048_588));
        def(MESSAGE_TIMESTAMP_AFTER_MAX_MS, ConfigType.LONG, HOUR_MS, Validator.atLeast(0),
                "How far a CreateTime timestamp may lie in the future of the broker's clock.",
                same("log.message.timestamp.after.max.ms", ConfigType.LONG, HOUR_MS));
        def(MESSAGE_TIMESTAMP_BEFORE_MAX_MS, ConfigType.LONG, Long.MAX_VALUE, Validator.atLeast(0),
                "How far a CreateTime timestamp may lie in the past of the broker's clock.",
                same("log.message.timestamp.before.max.ms", ConfigType.LONG, Long.MAX_VALUE));
        def(MESSAGE_TIMESTAMP_TYPE, ConfigType.STRING, "CreateTime", Validator.oneOf("CreateTime", "LogAppendTime"),
                "Whether record timestamps are the producer's (CreateTime) or the broker's append time (LogAppendTime).",
                same("log.message.timestamp.type", ConfigType.STRING, "CreateTime"));
        def(MIN_CLEANABLE_DIRTY_RATIO, ConfigType.DOUBLE, 0.5, ratio(),
                "How dirty a compacted log must be before it is cleaned.",
                same("log.cleaner.min.cleanable.ratio", ConfigType.DOUBLE, 0.5));
        def(MIN_COMPACTION_LAG_MS, ConfigType.LONG, 0L, Validator.atLeast(0),
                "The shortest a message stays uncompacted on compacted topics.",
                same("log.cleaner.min.compaction.lag.ms", ConfigType.LONG, 0L));
        def(MIN_INSYNC_REPLICAS, ConfigType.INT, 1, Validator.atLeast(1),
                "With acks=all, how many in-sync replicas must have a write before it is acknowledged.",
                same(MIN_INSYNC_REPLICAS, ConfigType.INT, 1));
        def(PREALLOCATE, ConfigType.BOOLEAN, false, Validator.ANY,
                "Whether to preallocate segment files.", same("log.preallocate", ConfigType.BOOLEAN, false));
        def(REMOTE_LOG_COPY_DISABLE, ConfigType.BOOLEAN, false, Validator.ANY,
                "Tiered storage: stop copying segments to remote storage.");
        def(REMOTE_LOG_DELETE_ON_DISABLE, ConfigType.BOOLEAN, false, Validator.ANY,
                "Tiered storage: delete remote data when tiering is disabled.");
        def(REMOTE_STORAGE_ENABLE, ConfigType.BOOLEAN, false, remoteStorage(),
                "Tiered storage for the topic. Tributary does not implement tiered storage, so only false is accepted.");
        def(RETENTION_BYTES, ConfigType.LONG, -1L, Validator.ANY,
                "The most bytes a partition keeps before deleting old segments (-1 for no limit).",
                same("log.retention.bytes", ConfigType.LONG, -1L));
        def(RETENTION_MS, ConfigType.LONG, 168 * HOUR_MS, Validator.atLeast(-1),
                "How long a segment is kept before it is deleted (-1 for no limit).",
                new BrokerSynonym("log.retention.ms", ConfigType.LONG, 1, null),
                new BrokerSynonym("log.retention.minutes", ConfigType.INT, MINUTE_MS, null),
                new BrokerSynonym("log.retention.hours", ConfigType.INT, HOUR_MS, 168));
        def(SEGMENT_BYTES, ConfigType.INT, 1_073_741_824, Validator.atLeast(1_048_576),
                "The size at which the active segment is rolled.", same("log.segment.bytes", ConfigType.INT, 1_073_741_824));
        def(SEGMENT_INDEX_BYTES, ConfigType.INT, 10_485_760, Validator.atLeast(4),
                "The size of a segment's offset and time index files.",
                same("log.index.size.max.bytes", ConfigType.INT, 10_485_760));
        def(SEGMENT_JITTER_MS, ConfigType.LONG, 0L, Validator.atLeast(0),
                "The most random jitter subtracted from segment.ms, so segments do not all roll at once.",
                new BrokerSynonym("log.roll.jitter.ms", ConfigType.LONG, 1, null),
                new BrokerSynonym("log.roll.jitter.hours", ConfigType.INT, HOUR_MS, 0));
        def(SEGMENT_MS, ConfigType.LONG, 168 * HOUR_MS, Validator.atLeast(1),
                "The age at which the active segment is rolled, even if not full.",
                new BrokerSynonym("log.roll.ms", ConfigType.LONG, 1, null),
                new BrokerSynonym("log.roll.hours", ConfigType.INT, HOUR_MS, 168));
        def(UNCLEAN_LEADER_ELECTION_ENABLE, ConfigType.BOOLEAN, false, Validator.ANY,
                "Whether a replica outside the ISR may become leader when no ISR member is alive, at the cost of losing data.",
                same(UNCLEAN_LEADER_ELECTION_ENABLE, ConfigType.BOOLEAN, false));
    }

    private TopicConfigs() {
    }

    private static void def(String name, ConfigType type, Object defaultValue, Validator validator, String doc,
                            BrokerSynonym... synonyms) {
        SCHEMA.define(name, type, defaultValue, validator, doc);
        SYNONYMS.put(name, List.of(synonyms));
    }

    private static BrokerSynonym same(String brokerKey, ConfigType type, Object defaultValue) {
        return new BrokerSynonym(brokerKey, type, 1, defaultValue);
    }

    /** The topic-level schema: every key with Kafka's type, default and validator. */
    public static ConfigSchema schema() {
        return SCHEMA;
    }

    /** The key, or {@code null} if it is not a topic config. */
    public static ConfigKey key(String name) {
        return SCHEMA.key(name);
    }

    /** The broker-level keys a topic key falls back to, most specific first (empty when none). */
    public static List<BrokerSynonym> brokerSynonyms(String topicKey) {
        List<BrokerSynonym> s = SYNONYMS.get(topicKey);
        return s == null ? List.of() : s;
    }

    /**
     * The broker-level keys that may be set dynamically (cluster-wide or per broker) to change topic
     * defaults: the first, most specific synonym of each topic key, as Kafka allows.
     */
    public static Set<String> dynamicBrokerKeys() {
        Set<String> keys = new TreeSet<>();
        for (List<BrokerSynonym> s : SYNONYMS.values()) {
            if (!s.isEmpty()) {
                keys.add(s.get(0).name());
            }
        }
        return Collections.unmodifiableSet(keys);
    }

    /** The topic key that the broker key supplies, or {@code null} if it supplies none. */
    public static String topicKeyForBrokerKey(String brokerKey) {
        for (Map.Entry<String, List<BrokerSynonym>> e : SYNONYMS.entrySet()) {
            for (BrokerSynonym s : e.getValue()) {
                if (s.name().equals(brokerKey)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    /**
     * Validates topic overrides: every key must be a topic config and every value valid. Throws
     * {@link ConfigException} naming the first bad key, with Kafka's wording for unknown keys.
     */
    public static void validate(Map<String, String> overrides) {
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            validate(e.getKey(), e.getValue());
        }
    }

    /** Validates one topic override. */
    public static void validate(String key, String value) {
        checkLength(key, value);
        ConfigKey k = SCHEMA.key(key);
        if (k == null) {
            throw new ConfigException(key, value, "Unknown topic config name: " + key);
        }
        k.parse(value);
    }

    /**
     * Validates a dynamic broker-level value for {@code brokerKey}: it must be one of
     * {@link #dynamicBrokerKeys()}, and its value, converted to the topic key's units, must pass the
     * topic key's validator.
     */
    public static void validateBrokerValue(String brokerKey, String value) {
        checkLength(brokerKey, value);
        if (DynamicBrokerKeys.replicationThrottles().contains(brokerKey)) {
            try {
                DynamicBrokerKeys.parseRate(brokerKey, value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(brokerKey, value, e.getMessage());
            }
            return;
        }
        if (!dynamicBrokerKeys().contains(brokerKey)) {
            throw new ConfigException(brokerKey, value, DynamicBrokerKeys.refusal(List.of(brokerKey)));
        }
        String topicKey = topicKeyForBrokerKey(brokerKey);
        BrokerSynonym synonym = brokerSynonyms(topicKey).get(0);
        String topicValue = synonym.toTopicValue(synonym.parse(value));
        try {
            SCHEMA.key(topicKey).parse(topicValue);
        } catch (ConfigException e) {
            throw new ConfigException(brokerKey, value, e.getMessage());
        }
    }

    private static void checkLength(String key, String value) {
        if (value != null && value.length() > Replicas.MAX_TEXT_LENGTH) {
            throw new ConfigException(key, value.substring(0, 32) + "...", "a value is at most " + Replicas.MAX_TEXT_LENGTH
                    + " characters long, this one has " + value.length());
        }
    }

    private static Validator cleanupPolicy() {
        return (key, value) -> {
            List<?> items = (List<?>) value;
            if (items.isEmpty()) {
                throw new ConfigException(key, value, "must name a policy: compact, delete, or both");
            }
            for (Object item : items) {
                if (!CLEANUP_POLICIES.contains(item)) {
                    throw new ConfigException(key, value, "String must be one of: compact, delete");
                }
            }
        };
    }

    private static Validator remoteStorage() {
        return (key, value) -> {
            if (Boolean.TRUE.equals(value)) {
                throw new ConfigException(key, value, "tiered storage is not supported by Tributary");
            }
        };
    }

    private static Validator gzipLevel() {
        return (key, value) -> {
            int v = (Integer) value;
            if (v != -1 && (v < 1 || v > 9)) {
                throw new ConfigException(key, value, "must be -1 (the codec's default) or between 1 and 9");
            }
        };
    }

    private static Validator ratio() {
        return (key, value) -> {
            double v = ((Number) value).doubleValue();
            if (!(v >= 0.0 && v <= 1.0)) {
                throw new ConfigException(key, value, "must be between 0 and 1");
            }
        };
    }

    private static Validator throttledReplicas() {
        return (key, value) -> {
            List<String> bad = new ArrayList<>();
            for (Object item : (List<?>) value) {
                if (!THROTTLED_REPLICA.matcher(String.valueOf(item)).matches()) {
                    bad.add(String.valueOf(item));
                }
            }
            if (!bad.isEmpty()) {
                throw new ConfigException(key, ConfigKey.render(value),
                        "must be * or a list of partitionId:brokerId pairs; bad entries " + bad);
            }
        };
    }
}

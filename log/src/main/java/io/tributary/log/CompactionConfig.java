package io.tributary.log;

import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigSchema;
import io.tributary.common.config.ConfigType;
import io.tributary.common.config.Validator;
import java.util.List;
import java.util.Map;

/**
 * A topic's cleanup policy and the log cleaner's topic-level settings, under Kafka's names and with
 * Kafka's defaults.
 *
 * @param compact                {@code cleanup.policy} holds {@code compact}: the cleaner keeps the latest record per key
 * @param delete                 {@code cleanup.policy} holds {@code delete}: retention by time and size applies
 * @param deleteRetentionMs      {@code delete.retention.ms}: how long a tombstone stays after the cleaner first
 *                               cleaned the segment that holds it
 * @param minCleanableDirtyRatio {@code min.cleanable.dirty.ratio}: the share of uncleaned bytes above which a
 *                               log is worth cleaning
 * @param minCompactionLagMs     {@code min.compaction.lag.ms}: a record younger than this is never compacted away
 * @param maxCompactionLagMs     {@code max.compaction.lag.ms}: a log whose oldest uncleaned record is older than
 *                               this is cleaned whatever its dirty ratio
 */
public record CompactionConfig(boolean compact, boolean delete, long deleteRetentionMs, double minCleanableDirtyRatio,
                               long minCompactionLagMs, long maxCompactionLagMs) {

    public static final String CLEANUP_POLICY_CONFIG = "cleanup.policy";
    public static final String DELETE_RETENTION_MS_CONFIG = "delete.retention.ms";
    public static final String MIN_CLEANABLE_DIRTY_RATIO_CONFIG = "min.cleanable.dirty.ratio";
    public static final String MIN_COMPACTION_LAG_MS_CONFIG = "min.compaction.lag.ms";
    public static final String MAX_COMPACTION_LAG_MS_CONFIG = "max.compaction.lag.ms";

    /** Kafka's defaults: {@code cleanup.policy=delete}, tombstones kept a day, half dirty before cleaning. */
    public static final CompactionConfig DEFAULT = new CompactionConfig(false, true, 86_400_000L, 0.5, 0L, Long.MAX_VALUE);

    /** The keys with Kafka's types, defaults and limits, for parsing operator input. */
    public static final ConfigSchema SCHEMA = new ConfigSchema()
            .define(CLEANUP_POLICY_CONFIG, ConfigType.LIST, List.of("delete"), CompactionConfig::checkPolicy,
                    "delete removes old segments by time and size; compact keeps the latest record per key; or both.")
            .define(DELETE_RETENTION_MS_CONFIG, ConfigType.LONG, DEFAULT.deleteRetentionMs, Validator.atLeast(0),
                    "How long tombstones stay on compacted topics.")
            .define(MIN_CLEANABLE_DIRTY_RATIO_CONFIG, ConfigType.DOUBLE, DEFAULT.minCleanableDirtyRatio,
                    CompactionConfig::checkRatio, "How dirty a compacted log must be before it is cleaned.")
            .define(MIN_COMPACTION_LAG_MS_CONFIG, ConfigType.LONG, DEFAULT.minCompactionLagMs, Validator.atLeast(0),
                    "The shortest time a record stays uncompacted.")
            .define(MAX_COMPACTION_LAG_MS_CONFIG, ConfigType.LONG, DEFAULT.maxCompactionLagMs, Validator.atLeast(1),
                    "The longest time a record stays uncompacted.");

    public CompactionConfig {
        if (!compact && !delete) {
            throw new IllegalArgumentException("Invalid value [] for configuration " + CLEANUP_POLICY_CONFIG
                    + ": must name a policy: compact, delete, or both");
        }
        require(deleteRetentionMs >= 0, DELETE_RETENTION_MS_CONFIG, deleteRetentionMs, "at least 0");
        if (!(minCleanableDirtyRatio >= 0.0 && minCleanableDirtyRatio <= 1.0)) {
            throw new IllegalArgumentException("Invalid value " + minCleanableDirtyRatio + " for configuration "
                    + MIN_CLEANABLE_DIRTY_RATIO_CONFIG + ": must be between 0 and 1");
        }
        require(minCompactionLagMs >= 0, MIN_COMPACTION_LAG_MS_CONFIG, minCompactionLagMs, "at least 0");
        require(maxCompactionLagMs >= 1, MAX_COMPACTION_LAG_MS_CONFIG, maxCompactionLagMs, "at least 1");
    }

    /** A compacted topic ({@code cleanup.policy=compact}) with Kafka's other defaults. */
    public static CompactionConfig compacted() {
        return new CompactionConfig(true, false, DEFAULT.deleteRetentionMs, DEFAULT.minCleanableDirtyRatio,
                DEFAULT.minCompactionLagMs, DEFAULT.maxCompactionLagMs);
    }

    /** Parses the topic-level keys of {@code props}; absent keys take Kafka's defaults. */
    public static CompactionConfig fromProperties(Map<String, String> props) {
        ConfigSchema.Parsed p = SCHEMA.parse(props);
        List<?> policy = (List<?>) p.get(CLEANUP_POLICY_CONFIG);
        return new CompactionConfig(policy.contains("compact"), policy.contains("delete"),
                (Long) p.get(DELETE_RETENTION_MS_CONFIG), ((Number) p.get(MIN_CLEANABLE_DIRTY_RATIO_CONFIG)).doubleValue(),
                (Long) p.get(MIN_COMPACTION_LAG_MS_CONFIG), (Long) p.get(MAX_COMPACTION_LAG_MS_CONFIG));
    }

    public CompactionConfig withDeleteRetentionMs(long v) {
        return new CompactionConfig(compact, delete, v, minCleanableDirtyRatio, minCompactionLagMs, maxCompactionLagMs);
    }

    public CompactionConfig withMinCleanableDirtyRatio(double v) {
        return new CompactionConfig(compact, delete, deleteRetentionMs, v, minCompactionLagMs, maxCompactionLagMs);
    }

    public CompactionConfig withMinCompactionLagMs(long v) {
        return new CompactionConfig(compact, delete, deleteRetentionMs, minCleanableDirtyRatio, v, maxCompactionLagMs);
    }

    public CompactionConfig withMaxCompactionLagMs(long v) {
        return new CompactionConfig(compact, delete, deleteRetentionMs, minCleanableDirtyRatio, minCompactionLagMs, v);
    }

    public CompactionConfig withPolicy(boolean compactOn, boolean deleteOn) {
        return new CompactionConfig(compactOn, deleteOn, deleteRetentionMs, minCleanableDirtyRatio, minCompactionLagMs,
                maxCompactionLagMs);
    }

    private static void checkPolicy(String key, Object value) {
        List<?> items = (List<?>) value;
        if (items.isEmpty()) {
            throw new ConfigException(key, value, "must name a policy: compact, delete, or both");
        }
        for (Object item : items) {
            if (!"compact".equals(item) && !"delete".equals(item)) {
                throw new ConfigException(key, value, "String must be one of: compact, delete");
            }
        }
    }

    private static void checkRatio(String key, Object value) {
        double v = ((Number) value).doubleValue();
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new ConfigException(key, value, "must be between 0 and 1");
        }
    }

    private static void require(boolean ok, String key, long value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid value " + value + " for configuration " + key + ": must be " + rule);
        }
    }
}

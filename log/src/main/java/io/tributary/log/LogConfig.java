package io.tributary.log;

import io.tributary.common.config.ConfigSchema;
import io.tributary.common.config.ConfigType;
import io.tributary.common.config.Validator;
import io.tributary.common.records.BatchHeader;
import java.util.Map;

/**
 * A partition log's settings, under Kafka's topic-level names and with Kafka's defaults, so an
 * operator's {@code kafka-configs.sh --alter --add-config segment.bytes=...} means what it means
 * in Kafka.
 *
 * <p>The record's own constructor accepts small values (tests use segments of a few KiB); the
 * {@link #SCHEMA} used for operator input enforces Kafka's limits (for example
 * {@code segment.bytes >= 1 MiB}, as Kafka 4 does).
 *
 * @param segmentBytes         {@code segment.bytes}: roll the active segment once it would grow past this
 * @param segmentMs            {@code segment.ms}: roll once the segment's first batch is this old
 * @param retentionMs          {@code retention.ms}: delete segments whose newest record is older; -1 keeps forever
 * @param retentionBytes       {@code retention.bytes}: delete oldest segments while the log is larger; -1 unlimited
 * @param indexIntervalBytes   {@code index.interval.bytes}: bytes of batches between two offset-index entries
 * @param segmentIndexBytes    {@code segment.index.bytes}: the size an active segment's index files are preallocated to
 * @param fileDeleteDelayMs    {@code file.delete.delay.ms}: how long a deleted segment's files stay open (renamed
 *                             {@code .deleted}) so that in-flight reads finish
 * @param flushIntervalMessages {@code flush.messages}: fsync after this many records; Long.MAX_VALUE leaves it to the OS
 * @param flushMs              {@code flush.ms}: fsync when unflushed data is this old; Long.MAX_VALUE leaves it to the OS
 * @param maxMessageBytes      {@code max.message.bytes}: the largest batch a leader accepts
 * @param messageTimestampType {@code message.timestamp.type}: CreateTime keeps the producer's timestamps,
 *                             LogAppendTime stamps the broker's clock at append
 * @param compaction           {@code cleanup.policy} and the cleaner's topic settings ({@link CompactionConfig})
 */
public record LogConfig(
        int segmentBytes,
        long segmentMs,
        long retentionMs,
        long retentionBytes,
        int indexIntervalBytes,
        int segmentIndexBytes,
        long fileDeleteDelayMs,
        long flushIntervalMessages,
        long flushMs,
        int maxMessageBytes,
        TimestampType messageTimestampType,
        CompactionConfig compaction) {

    /** Kafka's {@code message.timestamp.type} values, spelled as operators write them. */
    public enum TimestampType {
        CREATE_TIME("CreateTime"),
        LOG_APPEND_TIME("LogAppendTime");

        private final String configName;

        TimestampType(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        public static TimestampType forConfigName(String name) {
            for (TimestampType t : values()) {
                if (t.configName.equals(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown message.timestamp.type " + name);
        }
    }

    public static final String SEGMENT_BYTES_CONFIG = "segment.bytes";
    public static final String SEGMENT_MS_CONFIG = "segment.ms";
    public static final String RETENTION_MS_CONFIG = "retention.ms";
    public static final String RETENTION_BYTES_CONFIG = "retention.bytes";
    public static final String INDEX_INTERVAL_BYTES_CONFIG = "index.interval.bytes";
    public static final String SEGMENT_INDEX_BYTES_CONFIG = "segment.index.bytes";
    public static final String FILE_DELETE_DELAY_MS_CONFIG = "file.delete.delay.ms";
    public static final String FLUSH_MESSAGES_CONFIG = "flush.messages";
    public static final String FLUSH_MS_CONFIG = "flush.ms";
    public static final String MAX_MESSAGE_BYTES_CONFIG = "max.message.bytes";
    public static final String MESSAGE_TIMESTAMP_TYPE_CONFIG = "message.timestamp.type";

    /**
     * The smallest {@code segment.index.bytes} accepted: room for a few entries of each index.
     * Kafka 4 accepts 4 (no entry at all, so every append rolls); we refuse such values.
     */
    public static final int MIN_SEGMENT_INDEX_BYTES = 4 * 12;

    private static final long SEVEN_DAYS_MS = 7L * 24 * 60 * 60 * 1000;

    /** Kafka's defaults. */
    public static final LogConfig DEFAULT = new LogConfig(
            1024 * 1024 * 1024, SEVEN_DAYS_MS, SEVEN_DAYS_MS, -1L, 4096, 10 * 1024 * 1024,
            60_000L, Long.MAX_VALUE, Long.MAX_VALUE, 1024 * 1024 + 12, TimestampType.CREATE_TIME, CompactionConfig.DEFAULT);

    /** The keys with Kafka's types, defaults and limits, for parsing operator input. */
    public static final ConfigSchema SCHEMA = new ConfigSchema()
            .define(SEGMENT_BYTES_CONFIG, ConfigType.INT, DEFAULT.segmentBytes, Validator.atLeast(1024 * 1024),
                    "The segment file size for the log.")
            .define(SEGMENT_MS_CONFIG, ConfigType.LONG, DEFAULT.segmentMs, Validator.atLeast(1),
                    "The time after which the active segment is rolled even if not full.")
            .define(RETENTION_MS_CONFIG, ConfigType.LONG, DEFAULT.retentionMs, Validator.atLeast(-1),
                    "The longest time a segment is kept before deletion; -1 for no time limit.")
            .define(RETENTION_BYTES_CONFIG, ConfigType.LONG, DEFAULT.retentionBytes, Validator.atLeast(-1),
                    "The largest size a partition's log may grow to before old segments are deleted; -1 for no limit.")
            .define(INDEX_INTERVAL_BYTES_CONFIG, ConfigType.INT, DEFAULT.indexIntervalBytes, Validator.atLeast(0),
                    "How many bytes of batches lie between two offset index entries.")
            .define(SEGMENT_INDEX_BYTES_CONFIG, ConfigType.INT, DEFAULT.segmentIndexBytes, Validator.atLeast(MIN_SEGMENT_INDEX_BYTES),
                    "The size of the index that maps offsets to file positions.")
            .define(FILE_DELETE_DELAY_MS_CONFIG, ConfigType.LONG, DEFAULT.fileDeleteDelayMs, Validator.atLeast(0),
                    "The time to wait before deleting a file from the filesystem.")
            .define(FLUSH_MESSAGES_CONFIG, ConfigType.LONG, DEFAULT.flushIntervalMessages, Validator.atLeast(1),
                    "Force an fsync after this many records.")
            .define(FLUSH_MS_CONFIG, ConfigType.LONG, DEFAULT.flushMs, Validator.atLeast(0),
                    "Force an fsync after this much time.")
            .define(MAX_MESSAGE_BYTES_CONFIG, ConfigType.INT, DEFAULT.maxMessageBytes, Validator.atLeast(0),
                    "The largest record batch size allowed.")
            .define(MESSAGE_TIMESTAMP_TYPE_CONFIG, ConfigType.STRING, DEFAULT.messageTimestampType.configName(),
                    Validator.oneOf("CreateTime", "LogAppendTime"),
                    "Whether a record's timestamp is the producer's (CreateTime) or the broker's at append (LogAppendTime).");

    public LogConfig {
        require(segmentBytes >= BatchHeader.SIZE, SEGMENT_BYTES_CONFIG, segmentBytes, "at least " + BatchHeader.SIZE);
        require(segmentMs >= 1, SEGMENT_MS_CONFIG, segmentMs, "at least 1");
        require(retentionMs >= -1, RETENTION_MS_CONFIG, retentionMs, "-1 or more");
        require(retentionBytes >= -1, RETENTION_BYTES_CONFIG, retentionBytes, "-1 or more");
        require(indexIntervalBytes >= 0, INDEX_INTERVAL_BYTES_CONFIG, indexIntervalBytes, "at least 0");
        require(segmentIndexBytes >= MIN_SEGMENT_INDEX_BYTES, SEGMENT_INDEX_BYTES_CONFIG, segmentIndexBytes,
                "at least " + MIN_SEGMENT_INDEX_BYTES + " (room for 4 entries)");
        require(fileDeleteDelayMs >= 0, FILE_DELETE_DELAY_MS_CONFIG, fileDeleteDelayMs, "at least 0");
        require(flushIntervalMessages >= 1, FLUSH_MESSAGES_CONFIG, flushIntervalMessages, "at least 1");
        require(flushMs >= 0, FLUSH_MS_CONFIG, flushMs, "at least 0");
        require(maxMessageBytes >= 0, MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes, "at least 0");
        if (messageTimestampType == null) {
            throw new IllegalArgumentException(MESSAGE_TIMESTAMP_TYPE_CONFIG + " must not be null");
        }
        if (compaction == null) {
            throw new IllegalArgumentException("the compaction settings must not be null");
        }
    }

    private static void require(boolean ok, String key, long value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid value " + value + " for configuration " + key + ": must be " + rule);
        }
    }

    /**
     * Parses topic-level properties (keys Kafka's topic configs use); missing keys take Kafka's
     * defaults, keys this log does not use are ignored. A bad value throws
     * {@link io.tributary.common.config.ConfigException} naming the key.
     */
    public static LogConfig fromProperties(Map<String, String> props) {
        ConfigSchema.Parsed p = SCHEMA.parse(props);
        return new LogConfig(
                (Integer) p.get(SEGMENT_BYTES_CONFIG),
                (Long) p.get(SEGMENT_MS_CONFIG),
                (Long) p.get(RETENTION_MS_CONFIG),
                (Long) p.get(RETENTION_BYTES_CONFIG),
                (Integer) p.get(INDEX_INTERVAL_BYTES_CONFIG),
                (Integer) p.get(SEGMENT_INDEX_BYTES_CONFIG),
                (Long) p.get(FILE_DELETE_DELAY_MS_CONFIG),
                (Long) p.get(FLUSH_MESSAGES_CONFIG),
                (Long) p.get(FLUSH_MS_CONFIG),
                (Integer) p.get(MAX_MESSAGE_BYTES_CONFIG),
                TimestampType.forConfigName((String) p.get(MESSAGE_TIMESTAMP_TYPE_CONFIG)),
                CompactionConfig.fromProperties(props));
    }

    public LogConfig withSegmentBytes(int v) {
        return new LogConfig(v, segmentMs, retentionMs, retentionBytes, indexIntervalBytes, segmentIndexBytes,
                fileDeleteDelayMs, flushIntervalMessages, flushMs, maxMessageBytes, messageTimestampType, compaction);
    }

    public LogConfig withSegmentMs(long v) {
        return new LogConfig(segmentBytes, v, retentionMs, retentionBytes, indexIntervalBytes, segmentIndexBytes,
                fileDeleteDelayMs, flushIntervalMessages, flushMs, maxMessageBytes, messageTimestampType, compaction);
    }

    public LogConfig withRetentionMs(long v) {
        return new LogConfig(segmentBytes, segmentMs, v, retentionBytes, indexIntervalBytes, segmentIndexBytes,
                fileDeleteDelayMs, flushIntervalMessages, flushMs, maxMessageBytes, messageTimestampType, compaction);
    }

    public LogConfig withRetentionBytes(long v) {
        return new LogConfig(segmentBytes, segmentMs, retentionMs, v, indexIntervalBytes, segmentIndexBytes,
                fileDeleteDelayMs, flushIntervalMessages, flushMs, maxMessageBytes, messageTimestampType, compaction);
    }

    public LogConfig withIndexIntervalBytes(int v) {
        return new LogConfig(segmentBytes, segmentMs, retentionMs, retentionBytes, v, segmentIndexBytes,
                fileDeleteDelayMs, flushIntervalMessages, flushMs, maxMessageBytes, messageTimestampType, compaction);
    }

    public LogConfig withSegmentIndexBytes(int v) {
        return new LogConfig(segmentBytes, segmentMs, retentionMs, retentionBytes, indexIntervalBytes, v,
                fileDeleteDelayMs, flushIntervalMessages, flushMs, maxMessageBytes, messageTimestampType, compaction);
    }

    public LogConfig withFileDeleteDelayMs(long v) {
        return new LogConfig(segmentBytes, segmentMs, retentionMs, retentionBytes, indexIntervalBytes, segmentIndexBytes,
                v, flushIntervalMessages, flushMs, maxMessageBytes, messageTimestampType, compaction);
    }

    public LogConfig withFlushIntervalMessages(long v) {
        return new LogConfig(segmentBytes, segmentMs, retentionMs, retentionBytes, indexIntervalBytes, segmentIndexBytes,
                fileDeleteDelayMs, v, flushMs, maxMessageBytes, messageTimestampType, compaction);
    }

    public LogConfig withFlushMs(long v) {
        return new LogConfig(segmentBytes, segmentMs, retentionMs, retentionBytes, indexIntervalBytes, segmentIndexBytes,
                fileDeleteDelayMs, flushIntervalMessages, v, maxMessageBytes, messageTimestampType, compaction);
    }

    public LogConfig withMaxMessageBytes(int v) {
        return new LogConfig(segmentBytes, segmentMs, retentionMs, retentionBytes, indexIntervalBytes, segmentIndexBytes,
                fileDeleteDelayMs, flushIntervalMessages, flushMs, v, messageTimestampType, compaction);
    }

    public LogConfig withCompaction(CompactionConfig v) {
        return new LogConfig(segmentBytes, segmentMs, retentionMs, retentionBytes, indexIntervalBytes, segmentIndexBytes,
                fileDeleteDelayMs, flushIntervalMessages, flushMs, maxMessageBytes, messageTimestampType, v);
    }

    public LogConfig withMessageTimestampType(TimestampType v) {
        return new LogConfig(segmentBytes, segmentMs, retentionMs, retentionBytes, indexIntervalBytes, segmentIndexBytes,
                fileDeleteDelayMs, flushIntervalMessages, flushMs, maxMessageBytes, v, compaction);
    }
}

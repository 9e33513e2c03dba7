package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogConfigTest {

    @Test
    void defaultsAreKafkas() {
        LogConfig d = LogConfig.DEFAULT;
        assertThat(d.segmentBytes()).isEqualTo(1 << 30);
        assertThat(d.segmentMs()).isEqualTo(604_800_000L);
        assertThat(d.retentionMs()).isEqualTo(604_800_000L);
        assertThat(d.retentionBytes()).isEqualTo(-1L);
        assertThat(d.indexIntervalBytes()).isEqualTo(4096);
        assertThat(d.segmentIndexBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(d.fileDeleteDelayMs()).isEqualTo(60_000L);
        assertThat(d.flushIntervalMessages()).isEqualTo(Long.MAX_VALUE);
        assertThat(d.flushMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(d.maxMessageBytes()).isEqualTo(1_048_588);
        assertThat(d.messageTimestampType()).isEqualTo(LogConfig.TimestampType.CREATE_TIME);
        assertThat(LogConfig.fromProperties(Map.of())).isEqualTo(d);
    }

    @Test
    void parsesKafkaTopicKeys() {
        LogConfig c = LogConfig.fromProperties(Map.of("segment.bytes", "2097152", "retention.ms", "-1",
                "message.timestamp.type", "LogAppendTime", "cleanup.policy", "delete"));
        assertThat(c.segmentBytes()).isEqualTo(2_097_152);
        assertThat(c.retentionMs()).isEqualTo(-1);
        assertThat(c.messageTimestampType()).isEqualTo(LogConfig.TimestampType.LOG_APPEND_TIME);
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> LogConfig.fromProperties(Map.of("segment.bytes", "1000")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("segment.bytes"));
        assertThatThrownBy(() -> LogConfig.fromProperties(Map.of("retention.bytes", "-2")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("retention.bytes"));
        assertThatThrownBy(() -> LogConfig.fromProperties(Map.of("message.timestamp.type", "Now")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("message.timestamp.type"));
        assertThatThrownBy(() -> LogConfig.DEFAULT.withSegmentMs(0)).hasMessageContaining("segment.ms");
    }

    @Test
    void parsesTheCleanupPolicyAndCompactionKeys() {
        CompactionConfig c = LogConfig.fromProperties(Map.of("cleanup.policy", "compact,delete", "delete.retention.ms", "5",
                "min.cleanable.dirty.ratio", "0.01", "min.compaction.lag.ms", "7", "max.compaction.lag.ms", "9")).compaction();
        assertThat(c).isEqualTo(new CompactionConfig(true, true, 5, 0.01, 7, 9));
        assertThat(LogConfig.DEFAULT.compaction()).isEqualTo(new CompactionConfig(false, true, 86_400_000L, 0.5, 0, Long.MAX_VALUE));
        assertThat(LogConfig.fromProperties(Map.of("cleanup.policy", "compact")).compaction().delete()).isFalse();
        assertThatThrownBy(() -> LogConfig.fromProperties(Map.of("cleanup.policy", "compact,shred")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("cleanup.policy"))
                .hasMessageContaining("String must be one of: compact, delete");
        assertThatThrownBy(() -> LogConfig.fromProperties(Map.of("min.cleanable.dirty.ratio", "2")))
                .hasMessageContaining("min.cleanable.dirty.ratio");
    }
}

package io.tributary.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.log.LogConfig;
import io.tributary.log.PartitionLog;
import io.tributary.replication.producer.ProducerEntry;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Producer state against the log's life: retention, restart (a reload from snapshots and the log)
 * and a follower's truncation, on a real {@link PartitionLog} in a temporary directory. Batches are
 * appended as a leader would and replayed as a follower does.
 */
class ProducerStateManagerTest {

    private static final TopicPartition TP = new TopicPartition("p", 0);
    private static final long OLD = 7L;
    private static final long NEW = 8L;

    @TempDir
    Path dir;
    PartitionLog log;
    ProducerStateManager producers;

    @BeforeEach
    void open() {
        LogConfig config = LogConfig.fromProperties(Map.of("segment.ms", "1000", "retention.ms", "3600000"));
        log = PartitionLog.open(dir, TP, config, Time.SYSTEM, (name, delayMs, task) -> { });
        producers = ProducerStateManager.load(TP, log);
    }

    @AfterEach
    void close() {
        log.close();
    }

    /** Appends one record of {@code producerId} at {@code seq} and replays it, as a follower does. */
    private void append(long producerId, int seq, long timestampMs) {
        ByteBuffer batch = MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, (short) 0, seq,
                new SimpleRecord(timestampMs, null, ("v" + seq).getBytes())).buffer();
        log.appendAsLeader(batch.duplicate(), 0);
        producers.replayAll(batch);
    }

    /** Two batches of the old producer, two hours old and in segments of their own; retention deletes both. */
    private void oldProducerWrittenThenDeletedByRetention() {
        long twoHoursAgoMs = System.currentTimeMillis() - 2 * 3_600_000L;
        append(OLD, 0, twoHoursAgoMs);
        append(OLD, 1, twoHoursAgoMs + 10_000L);
        assertThat(log.segmentCount()).isEqualTo(2);
        assertThat(log.applyRetention(System.currentTimeMillis())).isEqualTo(2);
        assertThat(log.logStartOffset()).isEqualTo(2L);
        producers.afterRetention(log);
    }

    @Test
    void retentionKeepsTheProducerAndAReloadFromTheLogFindsItAgain() {
        oldProducerWrittenThenDeletedByRetention();
        assertThat(producers.table().entry(OLD).lastSeq()).as("kept after its batches were deleted").isEqualTo(1);

        ProducerStateManager reloaded = ProducerStateManager.load(TP, log);
        assertThat(reloaded.table().entry(OLD)).as("a restart rebuilds it from the snapshot after retention").isNotNull();
        assertThat(reloaded.table().entry(OLD).lastSeq()).isEqualTo(1);
        assertThat(reloaded.table().entry(OLD).lastOffset()).isEqualTo(1L);
    }

    @Test
    void aTruncationKeepsAProducerWhoseBatchesAllLayBelowTheCut() {
        oldProducerWrittenThenDeletedByRetention();
        long nowMs = System.currentTimeMillis();
        // Enough rolls' worth of snapshots that the one written after retention ages out.
        for (int seq = 0; seq <= 32; seq++) {
            append(NEW, seq, nowMs);
            producers.snapshot(log);
        }
        assertThat(log.producerSnapshotOffsets()).doesNotContain(2L);

        log.truncateTo(2);
        producers.rebuildAfterTruncation(log);

        assertThat(producers.table().entry(OLD)).as("below the cut, so untouched by it").isNotNull();
        assertThat(producers.table().entry(OLD).lastSeq()).isEqualTo(1);
        assertThat(producers.table().entry(NEW)).as("every batch of it was cut").isNull();
    }

    @Test
    void aFollowersCutOfAFewBatchesIsAppliedInPlaceWithoutReplayingTheLog() {
        long nowMs = System.currentTimeMillis();
        for (int seq = 0; seq < 10; seq++) {
            append(NEW, seq, nowMs);
        }
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ProducerStateManager.class);
        logger.addAppender(lines);
        try {
            log.truncateTo(8);
            producers.rebuildAfterTruncation(log);
        } finally {
            logger.detachAppender(lines);
        }
        assertThat(producers.table().entry(NEW).lastSeq()).isEqualTo(7);
        assertThat(producers.table().entry(NEW).lastOffset()).isEqualTo(7L);
        assertThat(lines.list).noneMatch(e -> e.getFormattedMessage().contains("rebuilt"));
        // A reload finds the same producer, epoch and last sequence; it retains up to five batches
        // below the cut where the cut keeps the three it had, which still covers every retry a
        // producer with at most five batches in flight (the two cut among them) can send.
        ProducerEntry reloaded = ProducerStateManager.load(TP, log).table().entry(NEW);
        assertThat(reloaded.lastSeq()).isEqualTo(7);
        assertThat(reloaded.epoch()).isEqualTo(producers.table().entry(NEW).epoch());
        assertThat(producers.table().entry(NEW).batches()).hasSize(3).isEqualTo(reloaded.batches().subList(2, 5));
    }
}

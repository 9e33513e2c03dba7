package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.records.BatchHeader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RetentionTest extends LogTestSupport {

    static final long HOUR = 3_600_000L;

    List<String> deletedFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".deleted")).sorted().toList();
        }
    }

    @Test
    void retentionByTimeDeletesOldSegmentsAndAdvancesTheLogStart() throws Exception {
        open(LogConfig.DEFAULT.withSegmentBytes(600).withRetentionMs(10 * HOUR).withFileDeleteDelayMs(60_000));
        long t0 = time.milliseconds();
        for (int i = 0; i < 12; i++) {
            log.appendAsLeader(TestBatches.batch(1, 200, t0 + i * HOUR), 0);
        }
        assertThat(log.segmentCount()).isGreaterThan(3);
        List<SegmentInfo> before = log.segments();
        time.advance(11 * HOUR + 30 * 60_000L); // everything up to t0 + 1h30 is now older than 10h
        int deleted = log.applyRetention(time.milliseconds());
        assertThat(deleted).isPositive();
        long newStart = log.logStartOffset();
        assertThat(newStart).isEqualTo(before.get(deleted).baseOffset());
        for (SegmentInfo s : log.segments()) {
            assertThat(time.milliseconds() - s.largestTimestampMs()).isLessThanOrEqualTo(10 * HOUR);
        }
        for (int i = 0; i < deleted; i++) {
            assertThat(time.milliseconds() - before.get(i).largestTimestampMs()).isGreaterThan(10 * HOUR);
        }
        assertThat(deletedFiles()).hasSize(3 * deleted);
        time.advance(60_000);
        scheduler.runDue();
        assertThat(deletedFiles()).isEmpty();
        assertThat(dir.resolve(LogFiles.offsetName(0) + ".log")).doesNotExist();
        assertThat(TestBatches.readAll(log, newStart).remaining()).isEqualTo(log.sizeInBytes());
        // The next retention run finds nothing more to do.
        assertThat(log.applyRetention(time.milliseconds())).isZero();
    }

    @Test
    void aCompactOnlyTopicKeepsEverySegmentButCompactDeleteAppliesRetention() {
        LogConfig compactOnly = LogConfig.DEFAULT.withSegmentBytes(600).withRetentionMs(HOUR)
                .withCompaction(CompactionConfig.compacted());
        open(compactOnly);
        long t0 = time.milliseconds();
        for (int i = 0; i < 6; i++) {
            log.appendAsLeader(TestBatches.batch(1, 200, t0 + i), 0);
        }
        time.advance(2 * HOUR);
        assertThat(log.applyRetention(time.milliseconds())).as("cleanup.policy=compact").isZero();
        log.updateConfig(compactOnly.withCompaction(CompactionConfig.compacted().withPolicy(true, true)));
        assertThat(log.applyRetention(time.milliseconds())).as("cleanup.policy=compact,delete").isPositive();
    }

    @Test
    void retentionBySizeKeepsTheLogAtOrAboveTheLimitByWholeSegments() {
        open(LogConfig.DEFAULT.withSegmentBytes(1_000).withRetentionBytes(2_500));
        appendMany(40, 1, 150, 0);
        long total = log.sizeInBytes();
        assertThat(total).isGreaterThan(2_500);
        int deleted = log.applyRetention(time.milliseconds());
        assertThat(deleted).isPositive();
        assertThat(log.sizeInBytes()).isGreaterThanOrEqualTo(2_500);
        // Deleting one more segment would have gone below the limit.
        assertThat(log.sizeInBytes() - log.segments().get(0).sizeInBytes()).isLessThan(2_500);
        assertThat(log.logStartOffset()).isEqualTo(log.segments().get(0).baseOffset());
    }

    @Test
    void theActiveSegmentGoesToo_afterARoll_whenItIsOldEnough() {
        open(LogConfig.DEFAULT.withRetentionMs(HOUR));
        log.appendAsLeader(TestBatches.batch(3, 10, time.milliseconds()), 0);
        time.advance(2 * HOUR);
        assertThat(log.applyRetention(time.milliseconds())).isEqualTo(1);
        assertThat(log.segmentCount()).isEqualTo(1);
        assertThat(log.logStartOffset()).isEqualTo(3);
        assertThat(log.logEndOffset()).isEqualTo(3);
        assertThat(log.sizeInBytes()).isZero();
        // The empty active segment is never deleted.
        time.advance(10 * HOUR);
        assertThat(log.applyRetention(time.milliseconds())).isZero();
        assertThat(log.appendAsLeader(TestBatches.batch(1, 1, time.milliseconds()), 0).firstOffset()).isEqualTo(3);
    }

    @Test
    void retentionNeverPassesTheHighWatermark() {
        open(LogConfig.DEFAULT.withSegmentBytes(400).withRetentionBytes(0));
        appendMany(10, 1, 150, 0);
        List<SegmentInfo> segs = log.segments();
        long hw = segs.get(3).baseOffset();
        log.applyRetention(time.milliseconds(), hw);
        assertThat(log.logStartOffset()).isEqualTo(hw);
    }

    @Test
    void aReadInFlightOnADeletedSegmentStillCompletes() throws Exception {
        open(LogConfig.DEFAULT.withSegmentBytes(400).withRetentionBytes(0).withFileDeleteDelayMs(30_000));
        appendMany(6, 1, 150, 0);
        LogReadResult inFlight = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true);
        ByteBuffer expected = inFlight.copyToHeap();
        assertThat(log.applyRetention(time.milliseconds())).isPositive();
        assertThat(log.logStartOffset()).isPositive();
        // The "sendfile" happens after retention: the channel still serves the bytes.
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        long sent = inFlight.records().channel().transferTo(inFlight.records().position(), inFlight.records().size(),
                Channels.newChannel(sink));
        assertThat(sent).isEqualTo(inFlight.records().size());
        assertThat(ByteBuffer.wrap(sink.toByteArray())).isEqualTo(expected);
        assertThat(scheduler.pending("delete-segments")).isEqualTo(1);
        time.advance(30_000);
        scheduler.runDue();
        assertThat(inFlight.records().channel().isOpen()).isFalse();
    }

    @Test
    void retentionTrimsTheEpochCacheAndSnapshotsBelowTheNewStart() {
        open(LogConfig.DEFAULT.withSegmentBytes(400).withRetentionBytes(600));
        appendMany(3, 1, 150, 1);
        appendMany(3, 1, 150, 2);
        appendMany(3, 1, 150, 3);
        log.writeProducerSnapshot(0, ByteBuffer.wrap(new byte[] {1}));
        log.writeProducerSnapshot(4, ByteBuffer.wrap(new byte[] {2}));
        log.writeProducerSnapshot(8, ByteBuffer.wrap(new byte[] {3}));
        log.applyRetention(time.milliseconds());
        long start = log.logStartOffset();
        assertThat(start).isGreaterThan(4);
        assertThat(log.leaderEpochs().entries().get(0).startOffset()).isEqualTo(start);
        assertThat(log.leaderEpochs().entries().get(0).epoch()).isEqualTo(log.leaderEpochs().epochForOffset(start));
        assertThat(log.producerSnapshotOffsets()).allSatisfy(o -> assertThat(o).isGreaterThanOrEqualTo(start));
        ByteBuffer first = log.read(start, 1, Long.MAX_VALUE, true).copyToHeap();
        assertThat(BatchHeader.partitionLeaderEpoch(first, 0)).isEqualTo(log.leaderEpochs().entries().get(0).epoch());
    }

    @Test
    void retiredFilesLeftByACrashAreRemovedOnOpen() throws Exception {
        open(LogConfig.DEFAULT.withSegmentBytes(400).withRetentionBytes(0));
        appendMany(6, 1, 150, 0);
        log.applyRetention(time.milliseconds());
        assertThat(deletedFiles()).isNotEmpty();
        log.simulateCrash();
        open(LogConfig.DEFAULT.withSegmentBytes(400).withRetentionBytes(0));
        assertThat(deletedFiles()).isEmpty();
        assertThat(log.logStartOffset()).isEqualTo(6);
    }
}

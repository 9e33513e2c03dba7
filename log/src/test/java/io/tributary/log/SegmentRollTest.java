package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SegmentRollTest extends LogTestSupport {

    @Test
    void rollsBySizeAndNoSegmentExceedsTheLimitUnlessOneBatchDoes() throws Exception {
        LogConfig config = LogConfig.DEFAULT.withSegmentBytes(1000);
        open(config);
        appendMany(30, 2, 50, 0);
        assertThat(log.segmentCount()).isGreaterThan(5);
        assertThat(log.segments()).allSatisfy(s -> assertThat(s.sizeInBytes()).isLessThanOrEqualTo(1000));
        assertThat(log.segments()).filteredOn(SegmentInfo::active).hasSize(1);
        // A batch bigger than a segment still gets written, alone in a fresh segment.
        int before = log.segmentCount();
        AppendInfo big = log.appendAsLeader(TestBatches.batch(1, 3000, 1L), 0);
        assertThat(log.segmentCount()).isEqualTo(before + 1);
        assertThat(log.segments().get(log.segmentCount() - 1).baseOffset()).isEqualTo(big.firstOffset());
        for (SegmentInfo s : log.segments()) {
            assertThat(dir.resolve(LogFiles.offsetName(s.baseOffset()) + ".log")).exists();
            assertThat(Files.size(dir.resolve(LogFiles.offsetName(s.baseOffset()) + ".log"))).isEqualTo(s.sizeInBytes());
        }
        log.verifyIndexes();
    }

    @Test
    void rollsByTimeComparingRecordTimestampsWithTheFirstBatch() {
        LogConfig config = LogConfig.DEFAULT.withSegmentMs(1_000);
        open(config);
        log.appendAsLeader(TestBatches.batch(1, 10, 10_000L), 0);
        log.appendAsLeader(TestBatches.batch(1, 10, 10_900L), 0);
        assertThat(log.segmentCount()).isEqualTo(1);
        log.appendAsLeader(TestBatches.batch(1, 10, 11_001L), 0);
        assertThat(log.segmentCount()).isEqualTo(2);
        assertThat(log.segments().get(1).baseOffset()).isEqualTo(2);
    }

    @Test
    void rollsByWallClockWhenBatchesCarryNoTimestamp() {
        LogConfig config = LogConfig.DEFAULT.withSegmentMs(5_000);
        open(config);
        log.appendAsLeader(TestBatches.batch(1, 10, -1L), 0);
        time.advance(5_000);
        log.appendAsLeader(TestBatches.batch(1, 10, -1L), 0);
        assertThat(log.segmentCount()).isEqualTo(1);
        time.advance(1);
        log.appendAsLeader(TestBatches.batch(1, 10, -1L), 0);
        assertThat(log.segmentCount()).isEqualTo(2);
    }

    @Test
    void anEmptySegmentNeverRollsHoweverOld() {
        open(LogConfig.DEFAULT.withSegmentMs(1));
        time.advance(1_000_000);
        log.appendAsLeader(TestBatches.batch(1, 10, 1L), 0);
        assertThat(log.segmentCount()).isEqualTo(1);
    }

    @Test
    void indexesArePreallocatedWhileActiveAndTrimmedOnRollAndClose() throws Exception {
        LogConfig config = LogConfig.DEFAULT.withSegmentBytes(4000).withIndexIntervalBytes(200).withSegmentIndexBytes(4096);
        open(config);
        Path index0 = dir.resolve("00000000000000000000.index");
        Path time0 = dir.resolve("00000000000000000000.timeindex");
        assertThat(Files.size(index0)).isEqualTo(4096);
        assertThat(Files.size(time0)).isEqualTo(4092); // rounded down to whole 12-byte entries
        appendMany(60, 1, 100, 0);
        assertThat(log.segmentCount()).isGreaterThan(1);
        long index0Entries = Files.size(index0) / OffsetIndex.ENTRY_SIZE;
        assertThat(Files.size(index0) % OffsetIndex.ENTRY_SIZE).isZero();
        // ~169-byte batches, an entry after every >200 bytes: about one entry per two batches.
        assertThat(index0Entries).isBetween(5L, 15L);
        assertThat(Files.size(time0) % TimeIndex.ENTRY_SIZE).isZero();
        assertThat(Files.size(time0)).isLessThan(4092);
        log.verifyIndexes();
        long activeBase = log.segments().get(log.segmentCount() - 1).baseOffset();
        Path activeIndex = dir.resolve(LogFiles.offsetName(activeBase) + ".index");
        assertThat(Files.size(activeIndex)).isEqualTo(4096);
        log.close();
        assertThat(Files.size(activeIndex)).isLessThan(4096);
        assertThat(Files.size(activeIndex) % OffsetIndex.ENTRY_SIZE).isZero();
        open(config);
        log.verifyIndexes();
        assertThat(Files.size(activeIndex)).isEqualTo(4096);
    }

    @Test
    void rollsWhenTheIndexIsFull() {
        // Room for 6 offset-index entries and 4(+1 reserved) time-index entries.
        LogConfig config = LogConfig.DEFAULT.withIndexIntervalBytes(0).withSegmentIndexBytes(60);
        open(config);
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(TestBatches.batch(1, 10, 100L + i), 0);
        }
        assertThat(log.segmentCount()).isGreaterThan(3);
        log.verifyIndexes();
        assertThat(TestBatches.readAll(log, 0).remaining()).isEqualTo(log.sizeInBytes());
    }

    @Test
    void metricsReportSegmentsAndBytes() {
        open(LogConfig.DEFAULT.withSegmentBytes(500));
        appendMany(10, 1, 100, 0);
        long sum = log.segments().stream().mapToLong(SegmentInfo::sizeInBytes).sum();
        assertThat(log.sizeInBytes()).isEqualTo(sum).isEqualTo(TestBatches.readAll(log, 0).remaining());
        assertThat(log.segmentCount()).isEqualTo(log.segments().size());
    }

    @Test
    void oneAppendOfManyBatchesIntoANearlyFullIndexLeavesItSparserNotBroken() {
        LogConfig config = LogConfig.DEFAULT.withIndexIntervalBytes(0).withSegmentIndexBytes(60);
        open(config);
        ByteBuffer[] many = new ByteBuffer[20];
        for (int i = 0; i < many.length; i++) {
            many[i] = TestBatches.batch(1, 10, 100L + i);
        }
        log.appendAsLeader(TestBatches.concat(many), 0);
        assertThat(log.logEndOffset()).isEqualTo(20);
        log.verifyIndexes();
        for (long o = 0; o < 20; o++) {
            assertThat(log.read(o, 10_000, Long.MAX_VALUE, true).nextOffset()).isEqualTo(20);
        }
        log.appendAsLeader(TestBatches.batch(1, 10, 1L), 0);
        assertThat(log.segmentCount()).isEqualTo(2);
    }

    @Test
    void recoveryWithSmallerIndexesKeepsEveryBatch() {
        open(LogConfig.DEFAULT.withIndexIntervalBytes(0));
        appendMany(50, 1, 10, 0);
        ByteBuffer before = TestBatches.readAll(log, 0);
        log.simulateCrash();
        open(LogConfig.DEFAULT.withIndexIntervalBytes(0).withSegmentIndexBytes(60));
        assertThat(TestBatches.readAll(log, 0)).isEqualTo(before);
        log.verifyIndexes();
    }
}

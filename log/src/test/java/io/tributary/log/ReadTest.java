package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.records.BatchHeader;
import io.tributary.common.records.BatchScan;
import io.tributary.common.records.CheckedBatches;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadTest extends LogTestSupport {

    /** Appends batches of 1..4 records with varied sizes; returns each batch's [base, last]. */
    List<long[]> fill(int batches) {
        List<long[]> ranges = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            AppendInfo a = log.appendAsLeader(TestBatches.batch(1 + i % 4, 20 + (i * 37) % 300, 1_000L + i), 0);
            ranges.add(new long[] {a.firstOffset(), a.lastOffset()});
        }
        return ranges;
    }

    @Test
    void readAtEveryOffsetStartsOnTheBatchHoldingItAndReturnsWholeBatches() {
        open(LogConfig.DEFAULT.withSegmentBytes(2_000).withIndexIntervalBytes(300));
        List<long[]> ranges = fill(60);
        assertThat(log.segmentCount()).isGreaterThan(5);
        for (long offset = 0; offset < log.logEndOffset(); offset++) {
            LogReadResult r = log.read(offset, Integer.MAX_VALUE, Long.MAX_VALUE, true);
            ByteBuffer bytes = r.copyToHeap();
            assertThat(BatchScan.scan(bytes.duplicate(), Integer.MAX_VALUE, true)).as("offset %d", offset).isInstanceOf(CheckedBatches.class);
            long base = BatchHeader.baseOffset(bytes, 0);
            assertThat(base).isLessThanOrEqualTo(offset);
            assertThat(BatchHeader.lastOffset(bytes, 0)).isGreaterThanOrEqualTo(offset);
            final long o = offset;
            long[] holding = ranges.stream().filter(x -> x[0] <= o && o <= x[1]).findFirst().orElseThrow();
            assertThat(base).isEqualTo(holding[0]);
            // One segment at a time: the read ends at the end of the segment holding the offset or the log.
            List<ByteBuffer> batches = TestBatches.split(bytes);
            long last = BatchHeader.lastOffset(batches.get(batches.size() - 1), 0);
            assertThat(r.nextOffset()).isEqualTo(last + 1);
            assertThat(r.fetchOffsetMetadata().messageOffset()).isEqualTo(offset);
            assertThat(r.records().position()).isEqualTo(r.fetchOffsetMetadata().positionInSegment());
            boolean endsSegment = log.segments().stream().anyMatch(s -> s.baseOffset() == r.nextOffset())
                    || r.nextOffset() == log.logEndOffset();
            assertThat(endsSegment).as("read from %d ends at a segment boundary", offset).isTrue();
        }
        assertThat(log.read(log.logEndOffset(), 100, Long.MAX_VALUE, true).isEmpty()).isTrue();
        log.verifyIndexes();
    }

    @Test
    void maxBytesCutsAtWholeBatchesAndMinOneBatchReturnsAnOversizedFirst() {
        open(LogConfig.DEFAULT);
        log.appendAsLeader(TestBatches.batch(1, 100, 1L), 0);
        log.appendAsLeader(TestBatches.batch(1, 100, 1L), 0);
        log.appendAsLeader(TestBatches.batch(1, 100, 1L), 0);
        int one = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, true).records().size() / 3;
        assertThat(log.read(0, one * 2, Long.MAX_VALUE, false).records().size()).isEqualTo(one * 2);
        assertThat(log.read(0, one * 2 + one - 1, Long.MAX_VALUE, false).records().size()).isEqualTo(one * 2);
        assertThat(log.read(0, one - 1, Long.MAX_VALUE, false).isEmpty()).isTrue();
        LogReadResult oversized = log.read(0, 1, Long.MAX_VALUE, true);
        assertThat(oversized.records().size()).isEqualTo(one);
        assertThat(oversized.nextOffset()).isEqualTo(1);
        assertThat(log.read(1, 0, Long.MAX_VALUE, false).nextOffset()).isEqualTo(1);
    }

    @Test
    void maxOffsetExclusiveStopsBeforeAnyBatchReachingIt() {
        open(LogConfig.DEFAULT);
        log.appendAsLeader(TestBatches.batch(3, 10, 1L), 0); // 0..2
        log.appendAsLeader(TestBatches.batch(3, 10, 1L), 0); // 3..5
        log.appendAsLeader(TestBatches.batch(3, 10, 1L), 0); // 6..8
        assertThat(log.read(0, Integer.MAX_VALUE, 6, true).nextOffset()).isEqualTo(6);
        // A high watermark inside a batch excludes that batch.
        assertThat(log.read(0, Integer.MAX_VALUE, 5, true).nextOffset()).isEqualTo(3);
        LogReadResult atHw = log.read(3, Integer.MAX_VALUE, 3, true);
        assertThat(atHw.isEmpty()).isTrue();
        assertThat(atHw.nextOffset()).isEqualTo(3);
        assertThat(atHw.fetchOffsetMetadata().positionInSegment()).isEqualTo(log.offsetMetadata(3).positionInSegment());
    }

    @Test
    void offsetMetadataMeasuresBytesBetweenOffsets() {
        open(LogConfig.DEFAULT);
        log.appendAsLeader(TestBatches.batch(2, 50, 1L), 0);
        log.appendAsLeader(TestBatches.batch(2, 50, 1L), 0);
        LogOffsetMetadata start = log.offsetMetadata(0);
        LogOffsetMetadata mid = log.offsetMetadata(3);
        LogOffsetMetadata end = log.logEndOffsetMetadata();
        assertThat(end.messageOffset()).isEqualTo(4);
        assertThat(start.bytesUntil(end)).isEqualTo(log.sizeInBytes());
        assertThat(mid.bytesUntil(end)).isEqualTo(log.sizeInBytes() / 2);
        assertThat(start.bytesUntil(new LogOffsetMetadata(9, 999, 0))).isEqualTo(-1);
    }

    @Test
    void readsOutsideTheLogAndBadArgumentsFailClearly() {
        open(LogConfig.DEFAULT);
        log.appendAsLeader(TestBatches.batch(2, 5, 1L), 0);
        assertThatThrownBy(() -> log.read(3, 10, Long.MAX_VALUE, true))
                .isInstanceOfSatisfying(OffsetOutOfRangeException.class, e -> {
                    assertThat(e.logStartOffset()).isZero();
                    assertThat(e.logEndOffset()).isEqualTo(2);
                    assertThat(e.requestedOffset()).isEqualTo(3);
                });
        assertThatThrownBy(() -> log.read(0, -1, Long.MAX_VALUE, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.scanBatches(3, h -> true)).isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void scanBatchesVisitsHeadersInOrderFromTheBatchHoldingTheOffset() {
        open(LogConfig.DEFAULT.withSegmentBytes(500));
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(new io.tributary.common.records.BatchBuilder().producer(77, (short) 1, i * 2)
                    .append(1L, null, new byte[60]).append(2L, null, new byte[60]).build(), 3);
        }
        List<Long> bases = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        log.scanBatches(5, h -> {
            bases.add(BatchHeader.baseOffset(h, 0));
            seqs.add(BatchHeader.baseSequence(h, 0));
            assertThat(BatchHeader.producerId(h, 0)).isEqualTo(77);
            return true;
        });
        assertThat(bases).containsExactly(4L, 6L, 8L, 10L, 12L, 14L, 16L, 18L);
        assertThat(seqs).containsExactly(4, 6, 8, 10, 12, 14, 16, 18);
        List<Long> stopped = new ArrayList<>();
        log.scanBatches(0, h -> stopped.add(BatchHeader.baseOffset(h, 0)) && stopped.size() < 3);
        assertThat(stopped).containsExactly(0L, 2L, 4L);
    }
}

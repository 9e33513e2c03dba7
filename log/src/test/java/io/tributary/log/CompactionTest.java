package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.records.BatchBuilder;
import io.tributary.common.records.BatchHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompactionTest extends LogTestSupport {

    static final long DAY_MS = 86_400_000L;

    static LogConfig compacted(int segmentBytes) {
        return LogConfig.DEFAULT.withSegmentBytes(segmentBytes)
                .withCompaction(CompactionConfig.compacted().withMinCleanableDirtyRatio(0.01));
    }

    static ByteBuffer keyed(long ts, String... kv) {
        BatchBuilder b = new BatchBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            b.append(ts, kv[i].getBytes(StandardCharsets.UTF_8), kv[i + 1] == null ? null : kv[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    LogCleaner cleaner(long highWatermark) {
        return new LogCleaner(CleanerConfig.DEFAULT.withDedupeBufferBytes(1024 * 1024),
                () -> List.of(new LogCleaner.Cleanable(log, () -> highWatermark)), time);
    }

    Optional<LogCleaner.Cleaned> cleanOnce(long highWatermark) {
        LogCleaner c = cleaner(highWatermark);
        return c.cleanDirtiest(c.newCompactor());
    }

    /** offset -> "key=value" (value "null" for a tombstone) of every record readable from the log start. */
    Map<Long, String> contents() {
        Map<Long, String> out = new LinkedHashMap<>();
        for (BatchBuilder.Record r : BatchBuilder.readAll(TestBatches.readAll(log, log.logStartOffset()))) {
            out.put(r.offset(), new String(r.keyBytes(), StandardCharsets.UTF_8) + "="
                    + (r.value() == null ? "null" : new String(r.valueBytes(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void keepsTheLatestRecordPerKeyAtItsOffsetAndLeavesTheActiveSegmentAlone() {
        open(compacted(300));
        for (int i = 0; i < 12; i++) {
            log.appendAsLeader(keyed(time.milliseconds(), "k" + (i % 3), "v" + i), 0);
        }
        int segments = log.segmentCount();
        SegmentInfo active = log.segments().get(segments - 1);
        long sizeBefore = log.sizeInBytes();

        Optional<LogCleaner.Cleaned> done = cleanOnce(log.logEndOffset());

        assertThat(done).isPresent();
        assertThat(done.get().result().recordsRemoved()).isPositive();
        assertThat(log.sizeInBytes()).isLessThan(sizeBefore);
        assertThat(log.segments().get(log.segmentCount() - 1)).isEqualTo(active);
        Map<Long, String> c = contents();
        // The active segment keeps everything it had; below it only the last value of each key stays.
        for (long o = active.baseOffset(); o < 12; o++) {
            assertThat(c).containsEntry(o, "k" + (o % 3) + "=v" + o);
        }
        assertThat(c.entrySet()).filteredOn(e -> e.getKey() < active.baseOffset())
                .allSatisfy(e -> assertThat(e.getKey()).as("nothing superseded below the active segment")
                        .isGreaterThanOrEqualTo(lastOffsetOf(e.getValue().substring(0, 2), active.baseOffset())));
        assertThat(log.logEndOffset()).isEqualTo(12);
        log.verifyIndexes();
        assertThat(cleanOnce(log.logEndOffset())).as("clean now: nothing due").isEmpty();
        reopen(compacted(300));
        assertThat(contents()).isEqualTo(c);
        assertThat(log.cleanerCheckpoint().offset()).isEqualTo(done.get().result().cleanedUpTo());
    }

    /** The last offset below {@code bound} at which key {@code k} (k0, k1, k2 in turn) was written. */
    static long lastOffsetOf(String k, long bound) {
        long last = -1;
        for (long o = 0; o < bound; o++) {
            if (("k" + (o % 3)).equals(k)) {
                last = o;
            }
        }
        return last;
    }

    @Test
    void aTruncationBelowTheCheckpointMakesWhatRefillsItDirty() {
        open(compacted(200));
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(keyed(time.milliseconds(), "k", "v" + i), 0);
        }
        long cleanedUpTo = cleanOnce(log.logEndOffset()).orElseThrow().result().cleanedUpTo();
        assertThat(log.cleanerCheckpoint().offset()).isEqualTo(cleanedUpTo).isPositive();
        long newEnd = log.truncateTo(cleanedUpTo - 1);
        assertThat(log.cleanerCheckpoint().offset()).isEqualTo(newEnd).isLessThan(cleanedUpTo);
        log.truncateFullyAndStartAt(0);
        assertThat(log.cleanerCheckpoint().offset()).isZero();
        reopen(compacted(200));
        assertThat(log.cleanerCheckpoint().offset()).as("kept in cleaner-offset-checkpoint").isZero();
    }

    @Test
    void aStoppingCleanerGivesUpMidRewriteAndLeavesTheLogAsItWas() throws Exception {
        open(compacted(300));
        for (int i = 0; i < 30; i++) {
            log.appendAsLeader(keyed(time.milliseconds(), "k" + (i % 3), "v" + i), 0);
        }
        Map<Long, String> before = contents();
        java.nio.file.Path output = dir.resolve(LogFiles.offsetName(0) + ".log" + CleanedSegmentSwap.CLEANED_SUFFIX);
        // The cleaner stops once the rewrite has begun writing its output.
        Compactor compactor = new Compactor(new OffsetMap(1 << 20), 4096, new IoThrottler(Double.MAX_VALUE, time, ms -> { }),
                () -> java.nio.file.Files.exists(output));
        CleaningPlanner.Plan plan = LogCleaner.planFor(log, log.logEndOffset(), time.milliseconds());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> compactor.clean(log, plan, time.milliseconds()))
                .isInstanceOf(Compactor.Aborted.class);
        assertThat(output).doesNotExist();
        assertThat(contents()).isEqualTo(before);
        assertThat(log.cleanerCheckpoint().offset()).isZero();
    }

    @Test
    void cleansOnlyBelowTheHighWatermark() {
        open(compacted(200));
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(keyed(time.milliseconds(), "k", "v" + i), 0);
        }
        assertThat(cleanOnce(1)).as("no whole segment below the high watermark").isEmpty();
        long secondSegmentEnd = log.segments().get(2).baseOffset();
        Compactor.Result r = cleanOnce(secondSegmentEnd).orElseThrow().result();
        assertThat(r.cleanedUpTo()).isLessThanOrEqualTo(secondSegmentEnd);
        assertThat(contents().keySet()).contains(secondSegmentEnd - 1).allMatch(o -> o >= secondSegmentEnd - 1);
    }

    @Test
    void tombstonesStayForDeleteRetentionAfterTheirFirstCleaningThenGo() {
        LogConfig config = compacted(200);
        open(config);
        log.appendAsLeader(keyed(time.milliseconds(), "a", "1", "b", "1"), 0);
        log.appendAsLeader(keyed(time.milliseconds(), "a", null), 0);
        for (int i = 0; i < 6; i++) {
            log.appendAsLeader(keyed(time.milliseconds(), "c", "v" + i), 0);
        }
        cleanOnce(log.logEndOffset()).orElseThrow();
        assertThat(contents()).containsEntry(2L, "a=null").containsEntry(1L, "b=1").doesNotContainKey(0L);

        time.advance(DAY_MS - 1);
        log.appendAsLeader(keyed(time.milliseconds(), "d", "1"), 0);
        log.appendAsLeader(keyed(time.milliseconds(), "d", "2"), 0);
        cleanOnce(log.logEndOffset());
        assertThat(contents()).as("within delete.retention.ms").containsEntry(2L, "a=null");

        time.advance(2);
        assertThat(cleanOnce(log.logEndOffset())).as("the horizon passed: due even with nothing dirty").isPresent();
        assertThat(contents()).doesNotContainKey(2L).containsEntry(1L, "b=1");
    }

    @Test
    void minCompactionLagKeepsYoungSegmentsAndMaxLagForcesACleaning() {
        LogConfig lagged = compacted(200).withCompaction(CompactionConfig.compacted().withMinCleanableDirtyRatio(0.99)
                .withMinCompactionLagMs(60_000));
        open(lagged);
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(keyed(time.milliseconds(), "k", "v" + i), 0);
        }
        assertThat(LogCleaner.planFor(log, log.logEndOffset(), time.milliseconds()).dirtyBytes()).as("all too young").isZero();
        time.advance(60_000);
        CleaningPlanner.Plan plan = LogCleaner.planFor(log, log.logEndOffset(), time.milliseconds());
        assertThat(plan.dirtyBytes()).isPositive();
        assertThat(plan.due()).as("ratio 0.99 not reached: dirty is all there is, ratio 1.0 > 0.99").isTrue();

        log.updateConfig(lagged.withCompaction(lagged.compaction().withMinCleanableDirtyRatio(1.0).withMaxCompactionLagMs(120_000)));
        assertThat(LogCleaner.planFor(log, log.logEndOffset(), time.milliseconds()).due()).isFalse();
        time.advance(60_001);
        CleaningPlanner.Plan forced = LogCleaner.planFor(log, log.logEndOffset(), time.milliseconds());
        assertThat(forced.forced()).isTrue();
        assertThat(forced.due()).isTrue();
    }

    @Test
    void theLastBatchOfAProducerStaysEvenWhenEmptiedAndOtherEmptiedBatchesLeaveAGap() {
        open(compacted(250));
        ByteBuffer p1 = new BatchBuilder().producer(42L, (short) 3, 0).append(time.milliseconds(), "x".getBytes(), "1".getBytes())
                .append(time.milliseconds(), "y".getBytes(), "1".getBytes()).build();
        log.appendAsLeader(p1, 0);
        log.appendAsLeader(new BatchBuilder().producer(42L, (short) 3, 2).append(time.milliseconds(), "x".getBytes(), "2".getBytes())
                .build(), 0);
        log.appendAsLeader(keyed(time.milliseconds(), "x", "3", "y", "3"), 0);
        for (int i = 0; i < 8; i++) {
            log.appendAsLeader(keyed(time.milliseconds(), "z", "v" + i), 0);
        }
        cleanOnce(log.logEndOffset()).orElseThrow();
        List<long[]> headers = new ArrayList<>();
        log.scanBatches(0, h -> {
            headers.add(new long[] {BatchHeader.baseOffset(h, 0), BatchHeader.lastOffset(h, 0), BatchHeader.recordCount(h, 0),
                    BatchHeader.producerId(h, 0), BatchHeader.baseSequence(h, 0)});
            return true;
        });
        assertThat(headers.get(0)[0]).as("the producer's first batch went whole: a gap").isEqualTo(2);
        assertThat(headers.get(0)).containsExactly(2, 2, 0, 42, 2);
        assertThat(contents()).containsEntry(3L, "x=3").containsEntry(4L, "y=3");
        assertThat(log.read(0, 10_000, 20, false).nextOffset()).as("a fetch from 0 crosses the gap").isGreaterThan(2);
    }

    @Test
    void aFullOffsetMapCleansLessNotWrong() {
        open(compacted(400));
        for (int i = 0; i < 80; i++) {
            log.appendAsLeader(keyed(time.milliseconds(), "k" + i, "a", "k" + i, "b"), 0);
        }
        LogCleaner small = new LogCleaner(CleanerConfig.DEFAULT.withDedupeBufferBytes(1024),
                () -> List.of(new LogCleaner.Cleanable(log, () -> log.logEndOffset())), time);
        Compactor compactor = small.newCompactor();
        Compactor.Result r = small.cleanDirtiest(compactor).orElseThrow().result();
        assertThat(r.mapFull()).isTrue();
        assertThat(r.cleanedUpTo()).isLessThan(r.firstDirtyOffset() + 160);
        for (int pass = 0; pass < 80 && log.cleanerCheckpoint().offset() < log.segments().get(log.segmentCount() - 1).baseOffset(); pass++) {
            small.cleanDirtiest(compactor);
        }
        Map<Long, String> c = contents();
        long activeBase = log.segments().get(log.segmentCount() - 1).baseOffset();
        assertThat(c.entrySet()).filteredOn(e -> e.getKey() < activeBase).allSatisfy(e -> assertThat(e.getValue()).endsWith("=b"));
        assertThat(c.values().stream().filter(v -> v.endsWith("=b")).count()).isEqualTo(80);
    }
}

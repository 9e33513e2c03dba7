package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** DeleteRecords' file work: moving the log start inside the log, deleting whole segments below it, surviving a restart. */
class LogStartOffsetTest extends LogTestSupport {

    private static final LogConfig SMALL_SEGMENTS = LogConfig.DEFAULT.withSegmentBytes(600).withFileDeleteDelayMs(60_000);

    @Test
    void advancingTheStartDeletesOnlySegmentsWhollyBelowItAndRefusesReadsBelowIt() {
        open(SMALL_SEGMENTS);
        appendMany(12, 1, 200, 0);
        List<SegmentInfo> before = log.segments();
        assertThat(before.size()).isGreaterThan(3);
        // Inside the third segment, one past its base: the third stays, the first two go.
        long newStart = before.get(2).baseOffset() + 1;

        assertThat(log.advanceLogStartOffset(newStart, "test")).isTrue();

        assertThat(log.logStartOffset()).isEqualTo(newStart);
        assertThat(log.segments().get(0).baseOffset()).isEqualTo(before.get(2).baseOffset());
        assertThat(log.segmentCount()).isEqualTo(before.size() - 2);
        assertThatThrownBy(() -> log.read(newStart - 1, 10_000, log.logEndOffset(), true))
                .isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(log.read(newStart, 10_000, log.logEndOffset(), true).isEmpty()).isFalse();
        assertThat(log.advanceLogStartOffset(newStart, "again")).as("already there").isFalse();
        assertThat(log.advanceLogStartOffset(newStart - 1, "lower")).as("never backwards").isFalse();
        assertThat(log.logStartOffset()).isEqualTo(newStart);
    }

    @Test
    void theStartMayReachTheLogEndButNotPassIt() {
        open(SMALL_SEGMENTS);
        appendMany(5, 1, 200, 0);
        long end = log.logEndOffset();

        assertThatThrownBy(() -> log.advanceLogStartOffset(end + 1, "test")).isInstanceOf(IllegalArgumentException.class);
        assertThat(log.advanceLogStartOffset(end, "test")).isTrue();

        assertThat(log.logStartOffset()).isEqualTo(end);
        // The log goes on taking appends at its end.
        log.appendAsLeader(TestBatches.batch(1, 10, time.milliseconds()), 0);
        assertThat(log.logEndOffset()).isEqualTo(end + 1);
    }

    @Test
    void aRollAfterTheStartReachedTheLogEndDeletesTheSegmentLeftWhollyBelowIt() {
        open(SMALL_SEGMENTS);
        log.appendAsLeader(TestBatches.batch(1, 0, time.milliseconds()), 0);
        log.advanceLogStartOffset(1, "test");
        assertThat(log.segmentCount()).as("the active segment stays until it rolls").isEqualTo(1);

        // Too big for the active segment: it rolls, and the old one, all below the start, must go.
        log.appendAsLeader(TestBatches.batch(2, 250, time.milliseconds()), 0);

        assertThat(log.segments()).extracting(SegmentInfo::baseOffset).containsExactly(1L);
        assertThat(log.logStartOffset()).isEqualTo(1);
        assertThat(log.logEndOffset()).isEqualTo(3);
    }

    @Test
    void aRollAfterATruncationToTheStartDeletesTheSegmentLeftWhollyBelowIt() {
        open(SMALL_SEGMENTS);
        log.appendAsLeader(TestBatches.batch(1, 0, time.milliseconds()), 0);
        log.appendAsLeader(TestBatches.batch(3, 0, time.milliseconds()), 0);
        log.advanceLogStartOffset(1, "test");
        log.truncateTo(1);

        log.appendAsLeader(TestBatches.batch(2, 250, time.milliseconds()), 0);

        assertThat(log.segments()).extracting(SegmentInfo::baseOffset).containsExactly(1L);
        assertThat(log.sizeInBytes()).as("only the new batch is on disk").isEqualTo(log.segments().get(0).sizeInBytes());
    }

    @Test
    void theMovedStartSurvivesACleanRestartAndACrash() {
        open(SMALL_SEGMENTS);
        appendMany(12, 1, 200, 0);
        long newStart = log.segments().get(1).baseOffset() + 1;
        log.advanceLogStartOffset(newStart, "test");

        reopen(SMALL_SEGMENTS);
        assertThat(log.logStartOffset()).as("after a clean restart").isEqualTo(newStart);

        log.simulateCrash();
        open(SMALL_SEGMENTS);
        assertThat(log.logStartOffset()).as("after a crash").isEqualTo(newStart);
        assertThatThrownBy(() -> log.read(newStart - 1, 10_000, log.logEndOffset(), true))
                .isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void crashRecoveryKeepsTheBatchesBelowAStartInsideTheFirstSegment() {
        open(SMALL_SEGMENTS);
        log.appendAsLeader(TestBatches.batch(1, 0, time.milliseconds()), 1);
        log.appendAsLeader(TestBatches.batch(1, 0, time.milliseconds()), 2);
        log.advanceLogStartOffset(1, "test");

        // Recovery re-reads offset 0 too, and checks its epoch (1) against the leader-epoch checkpoint:
        // the checkpoint must still name it, or recovery would take the whole segment for corrupt.
        log.simulateCrash();
        open(SMALL_SEGMENTS);

        assertThat(log.logStartOffset()).isEqualTo(1);
        assertThat(log.logEndOffset()).isEqualTo(2);
        assertThat(log.leaderEpochs().latestEpoch()).isEqualTo(2);
    }

    @Test
    void aPersistedStartPastWhatACrashLeftIsCappedAtTheRecoveredLogEnd() throws Exception {
        open(SMALL_SEGMENTS);
        appendMany(4, 1, 200, 0);
        long end = log.logEndOffset();
        log.close();
        // As if the start had moved to records that the crash then cut from the unflushed tail.
        LogFiles.writeOffsetFile(dir.resolve(LogFiles.LOG_START_OFFSET), end + 10);

        open(SMALL_SEGMENTS);

        assertThat(log.logStartOffset()).isEqualTo(end);
        assertThat(log.logEndOffset()).isEqualTo(end);
    }

    @Test
    void retentionKeepsAStartThatDeleteRecordsMovedFurther() {
        long hour = 3_600_000L;
        open(SMALL_SEGMENTS.withRetentionMs(10 * hour));
        long t0 = time.milliseconds();
        for (int i = 0; i < 12; i++) {
            log.appendAsLeader(TestBatches.batch(1, 200, t0 + i * hour), 0);
        }
        long newStart = log.segments().get(2).baseOffset() + 1;
        log.advanceLogStartOffset(newStart, "test");
        time.advance(11 * hour + 30 * 60_000L);

        log.applyRetention(time.milliseconds());

        assertThat(log.logStartOffset()).isGreaterThanOrEqualTo(newStart);
        assertThat(log.logStartOffset()).isGreaterThanOrEqualTo(log.segments().get(0).baseOffset());
    }

    @Test
    void aTruncationThatCutsTheBatchHoldingTheStartBringsTheStartDownToTheNewEnd() {
        open(SMALL_SEGMENTS);
        log.appendAsLeader(TestBatches.batch(3, 10, time.milliseconds()), 0);
        log.appendAsLeader(TestBatches.batch(5, 10, time.milliseconds()), 0);   // offsets 3-7
        log.advanceLogStartOffset(5, "test");

        assertThat(log.truncateTo(6)).as("the whole batch 3-7 goes").isEqualTo(3);

        assertThat(log.logStartOffset()).isEqualTo(3);
        reopen(SMALL_SEGMENTS);
        assertThat(log.logStartOffset()).as("after a restart").isEqualTo(3);
    }

    @Test
    void restartingBelowAPersistedStartForgetsIt() {
        open(SMALL_SEGMENTS);
        appendMany(12, 1, 200, 0);
        log.advanceLogStartOffset(8, "test");

        log.truncateFullyAndStartAt(3);
        reopen(SMALL_SEGMENTS);

        assertThat(log.logStartOffset()).isEqualTo(3);
        assertThat(log.logEndOffset()).isEqualTo(3);
    }
}

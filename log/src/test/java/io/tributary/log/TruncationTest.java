package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.records.BatchHeader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class TruncationTest extends LogTestSupport {

    @Test
    void truncateInsideAnOlderSegmentDropsLaterSegmentsAndContinuesFromThere() throws Exception {
        LogConfig config = LogConfig.DEFAULT.withSegmentBytes(500).withIndexIntervalBytes(100);
        open(config);
        appendMany(20, 2, 60, 1);
        int segments = log.segmentCount();
        assertThat(segments).isGreaterThan(4);
        long target = 13; // inside the batch 12..13
        long end = log.truncateTo(target);
        assertThat(end).isEqualTo(12);
        assertThat(log.logEndOffset()).isEqualTo(12);
        assertThat(log.segmentCount()).isLessThan(segments);
        log.verifyIndexes();
        ByteBuffer kept = TestBatches.readAll(log, 0);
        assertThat(TestBatches.split(kept)).hasSize(6);
        AppendInfo next = log.appendAsLeader(TestBatches.batch(2, 60, 5L), 2);
        assertThat(next.firstOffset()).isEqualTo(12);
        assertThat(log.leaderEpochs().entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(2, 12));
        appendMany(10, 2, 60, 2);
        log.verifyIndexes();
        ByteBuffer before = TestBatches.readAll(log, 0);
        reopen(config);
        assertThat(TestBatches.readAll(log, 0)).isEqualTo(before);
        log.verifyIndexes();
    }

    @Test
    void truncateAtASegmentBaseLeavesThatSegmentEmptyAndActive() throws Exception {
        open(LogConfig.DEFAULT.withSegmentBytes(300));
        appendMany(10, 1, 100, 0);
        long base = log.segments().get(2).baseOffset();
        log.truncateTo(base);
        assertThat(log.logEndOffset()).isEqualTo(base);
        assertThat(log.segments().get(log.segmentCount() - 1).baseOffset()).isEqualTo(base);
        assertThat(log.segments().get(log.segmentCount() - 1).sizeInBytes()).isZero();
        assertThat(Files.size(dir.resolve(LogFiles.offsetName(base) + ".index"))).isEqualTo(LogConfig.DEFAULT.segmentIndexBytes());
        assertThat(log.appendAsLeader(TestBatches.batch(1, 10, 1L), 0).firstOffset()).isEqualTo(base);
    }

    @Test
    void truncationDropsEpochsAndSnapshotsAboveAndLowersTheRecoveryPoint() {
        open(LogConfig.DEFAULT);
        appendMany(3, 1, 10, 1);
        appendMany(3, 1, 10, 4);
        log.writeProducerSnapshot(2, ByteBuffer.wrap(new byte[] {2}));
        log.writeProducerSnapshot(5, ByteBuffer.wrap(new byte[] {5}));
        log.flush();
        assertThat(log.recoveryPoint()).isEqualTo(6);
        log.truncateTo(3);
        assertThat(log.leaderEpochs().entries()).containsExactly(new EpochEntry(1, 0));
        assertThat(log.leaderEpochs().endOffsetFor(1)).isEqualTo(new EpochEndOffset(1, 3));
        assertThat(log.producerSnapshotOffsets()).containsExactly(2L);
        assertThat(log.latestProducerSnapshot()).hasValueSatisfying(p -> assertThat(p.offset()).isEqualTo(2));
        assertThat(log.recoveryPoint()).isEqualTo(3);
    }

    @Test
    void truncatePastTheEndIsANoOp() {
        open(LogConfig.DEFAULT);
        appendMany(3, 1, 10, 0);
        assertThat(log.truncateTo(3)).isEqualTo(3);
        assertThat(log.truncateTo(100)).isEqualTo(3);
        assertThat(TestBatches.split(TestBatches.readAll(log, 0))).hasSize(3);
    }

    @Test
    void truncateAtTheEndDropsAnEpochThatStartsThereWithNoBatch() {
        open(LogConfig.DEFAULT);
        appendMany(3, 1, 10, 0);
        // Led epoch 5 from the log end, appended nothing, was deposed.
        log.leaderEpochs().assign(5, 3);
        assertThat(log.truncateTo(3)).isEqualTo(3);
        assertThat(log.leaderEpochs().entries()).containsExactly(new EpochEntry(0, 0));
        assertThat(TestBatches.split(TestBatches.readAll(log, 0))).hasSize(3);
    }

    @Test
    void truncateFullyRestartsTheLogAtAnOffset() throws Exception {
        LogConfig config = LogConfig.DEFAULT.withSegmentBytes(300);
        open(config);
        appendMany(10, 1, 100, 3);
        log.writeProducerSnapshot(4, ByteBuffer.wrap(new byte[] {4}));
        log.truncateFullyAndStartAt(1_000);
        assertThat(log.logStartOffset()).isEqualTo(1_000);
        assertThat(log.logEndOffset()).isEqualTo(1_000);
        assertThat(log.segmentCount()).isEqualTo(1);
        assertThat(log.leaderEpochs().entries()).isEmpty();
        assertThat(log.producerSnapshotOffsets()).isEmpty();
        assertThat(dir.resolve("00000000000000001000.log")).exists();
        ByteBuffer follower = TestBatches.batch(2, 10, 7L);
        BatchHeader.setBaseOffset(follower, 0, 1_000);
        BatchHeader.setPartitionLeaderEpoch(follower, 0, 5);
        log.appendAsFollower(follower);
        assertThat(log.logEndOffset()).isEqualTo(1_002);
        assertThat(log.leaderEpochs().entries()).containsExactly(new EpochEntry(5, 1_000));
        time.advance(60_000);
        scheduler.runDue();
        assertThat(dir.resolve("00000000000000000000.log")).doesNotExist();
        reopen(config);
        assertThat(log.logStartOffset()).isEqualTo(1_000);
        assertThat(log.logEndOffset()).isEqualTo(1_002);
    }

    @Test
    void truncateBelowTheLogStartRestartsThere() {
        open(LogConfig.DEFAULT.withSegmentBytes(300).withRetentionBytes(0));
        appendMany(5, 1, 100, 0);
        log.applyRetention(time.milliseconds());
        assertThat(log.logStartOffset()).isEqualTo(5);
        log.truncateTo(2);
        assertThat(log.logStartOffset()).isEqualTo(2);
        assertThat(log.logEndOffset()).isEqualTo(2);
    }

    @Test
    void aCrashAfterTruncateFullyRestartsAtTheNewOffset() {
        open(LogConfig.DEFAULT);
        appendMany(3, 1, 10, 0);
        log.truncateFullyAndStartAt(50);
        log.simulateCrash();
        open(LogConfig.DEFAULT);
        assertThat(log.logStartOffset()).isEqualTo(50);
        assertThat(log.logEndOffset()).isEqualTo(50);
    }

    @Test
    void restartingTwiceAtTheSameOffsetWhileOldFilesAwaitDeletionWorks() {
        open(LogConfig.DEFAULT);
        appendMany(3, 1, 10, 0);
        log.truncateFullyAndStartAt(0);
        appendMany(2, 1, 10, 0);
        log.truncateFullyAndStartAt(0);
        assertThat(log.logEndOffset()).isZero();
        appendMany(1, 1, 10, 0);
        time.advance(60_000);
        scheduler.runDue();
        assertThat(log.logEndOffset()).isEqualTo(1);
        assertThat(TestBatches.split(TestBatches.readAll(log, 0))).hasSize(1);
    }
}

package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.records.BatchHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderEpochCacheTest {

    @TempDir
    Path dir;
    final AtomicLong logEnd = new AtomicLong(100);

    LeaderEpochCache cache(EpochEntry... initial) {
        return new LeaderEpochCache("t-0", dir.resolve("leader-epoch-checkpoint"), logEnd::get, List.of(initial));
    }

    @Test
    void assignAppendsNewEpochsAndIgnoresRepeats() {
        LeaderEpochCache c = cache();
        assertThat(c.latestEpoch()).isEqualTo(-1);
        assertThat(c.assign(0, 0)).isTrue();
        assertThat(c.assign(0, 5)).isFalse();
        assertThat(c.assign(2, 10)).isTrue();
        assertThat(c.assign(5, 10)).isTrue(); // epoch 2 wrote nothing: it is replaced
        assertThat(c.entries()).containsExactly(new EpochEntry(0, 0), new EpochEntry(5, 10));
        assertThat(c.latestEpoch()).isEqualTo(5);
    }

    @Test
    void aNewEpochIsWrittenWithoutAnFsyncUntilARecoveryPointNeedsIt() throws Exception {
        LeaderEpochCache c = cache(new EpochEntry(1, 0));
        long before = LogFsyncs.total();
        c.assign(2, 10);
        c.assign(3, 20);
        assertThat(LogFsyncs.total() - before).isZero();
        assertThat(LeaderEpochCheckpointFile.read(dir.resolve("leader-epoch-checkpoint")))
                .containsExactly(new EpochEntry(1, 0), new EpochEntry(2, 10), new EpochEntry(3, 20));
        c.syncBeforeRecoveryPoint();
        assertThat(LogFsyncs.total() - before).isEqualTo(2);   // the file, then its directory
        c.syncBeforeRecoveryPoint();
        assertThat(LogFsyncs.total() - before).isEqualTo(2);   // nothing new to sync
        c.assign(4, 20);
        assertThat(LogFsyncs.total() - before).isEqualTo(2);   // epoch 3 held nothing: replacing it stays lazy
        c.truncateFromEnd(15);
        assertThat(LogFsyncs.total() - before).isEqualTo(4);   // a truncation is durable at once
        c.assign(5, 5);
        assertThat(LogFsyncs.total() - before).isEqualTo(6);   // it replaces epoch 2, which starts after it: durable
    }

    @Test
    void assignReplacesEntriesItContradicts() {
        LeaderEpochCache c = cache(new EpochEntry(1, 0), new EpochEntry(3, 20), new EpochEntry(4, 30));
        c.assign(2, 25);
        assertThat(c.entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(2, 25));
    }

    @Test
    void endOffsetForFollowsKafkasRules() {
        LeaderEpochCache c = cache(new EpochEntry(1, 0), new EpochEntry(3, 20), new EpochEntry(6, 50));
        assertThat(c.endOffsetFor(6)).isEqualTo(new EpochEndOffset(6, 100)); // latest: the log end
        assertThat(c.endOffsetFor(3)).isEqualTo(new EpochEndOffset(3, 50));
        assertThat(c.endOffsetFor(4)).isEqualTo(new EpochEndOffset(3, 50)); // unknown epoch between: the one below
        assertThat(c.endOffsetFor(1)).isEqualTo(new EpochEndOffset(1, 20));
        assertThat(c.endOffsetFor(0)).isEqualTo(new EpochEndOffset(0, 0)); // older than all: its end is the first start
        assertThat(c.endOffsetFor(7)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(c.endOffsetFor(-1)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(cache().endOffsetFor(0)).isEqualTo(EpochEndOffset.UNDEFINED);
        logEnd.set(120);
        assertThat(c.endOffsetFor(6).endOffset()).isEqualTo(120);
    }

    @Test
    void epochForOffsetIsTheEpochInForceThere() {
        LeaderEpochCache c = cache(new EpochEntry(1, 10), new EpochEntry(3, 20));
        assertThat(c.epochForOffset(5)).isEqualTo(-1);
        assertThat(c.epochForOffset(10)).isEqualTo(1);
        assertThat(c.epochForOffset(19)).isEqualTo(1);
        assertThat(c.epochForOffset(20)).isEqualTo(3);
        assertThat(c.epochForOffset(1_000)).isEqualTo(3);
    }

    @Test
    void truncationFromEndAndStart() {
        LeaderEpochCache c = cache(new EpochEntry(1, 0), new EpochEntry(3, 20), new EpochEntry(6, 50));
        c.truncateFromEnd(50);
        assertThat(c.entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(3, 20));
        c.truncateFromEnd(70);
        assertThat(c.entries()).hasSize(2);
        c.truncateFromStart(25);
        assertThat(c.entries()).containsExactly(new EpochEntry(3, 25));
        c.truncateFromStart(10);
        assertThat(c.entries()).containsExactly(new EpochEntry(3, 25));
        c.clear();
        assertThat(c.entries()).isEmpty();
    }

    @Test
    void checkpointIsKafkasTextFormatAndReloads() throws Exception {
        LeaderEpochCache c = cache();
        c.assign(0, 0);
        c.assign(3, 1523);
        Path file = dir.resolve("leader-epoch-checkpoint");
        assertThat(Files.readString(file)).isEqualTo("0\n2\n0 0\n3 1523\n");
        assertThat(LeaderEpochCheckpointFile.read(file)).containsExactly(new EpochEntry(0, 0), new EpochEntry(3, 1523));
        assertThat(dir.resolve("leader-epoch-checkpoint.tmp")).doesNotExist();
        c.truncateFromEnd(1000);
        assertThat(Files.readString(file)).isEqualTo("0\n1\n0 0\n");
    }

    @Test
    void malformedCheckpointsAreRejectedWithTheReason() throws Exception {
        Path file = dir.resolve("leader-epoch-checkpoint");
        Files.writeString(file, "0\n3\n0 0\n1 5\n");
        assertThatThrownBy(() -> LeaderEpochCheckpointFile.read(file)).hasMessageContaining("declares 3 entries");
        Files.writeString(file, "1\n0\n");
        assertThatThrownBy(() -> LeaderEpochCheckpointFile.read(file)).hasMessageContaining("version 1");
        Files.writeString(file, "0\n2\n3 0\n1 5\n");
        assertThatThrownBy(() -> LeaderEpochCheckpointFile.read(file)).hasMessageContaining("out of order");
        Files.writeString(file, "0\n1\nx y\n");
        assertThatThrownBy(() -> LeaderEpochCheckpointFile.read(file)).hasMessageContaining("malformed");
        assertThat(LeaderEpochCheckpointFile.read(dir.resolve("absent"))).isNull();
    }

    @Test
    void aLostCheckpointIsRebuiltFromTheBatchesOnOpen() throws Exception {
        ManualTime time = new ManualTime(0);
        Path logDir = dir.resolve("t-0");
        LogConfig config = LogConfig.DEFAULT.withSegmentBytes(300);
        PartitionLog log = PartitionLog.open(logDir, LogTestSupport.TP, config, time, new ManualScheduler(time));
        for (int epoch : new int[] {0, 0, 2, 2, 2, 7}) {
            log.appendAsLeader(TestBatches.batch(1, 100, 1L), epoch);
        }
        List<EpochEntry> expected = log.leaderEpochs().entries();
        assertThat(expected).containsExactly(new EpochEntry(0, 0), new EpochEntry(2, 2), new EpochEntry(7, 5));
        log.close();
        Files.delete(logDir.resolve("leader-epoch-checkpoint"));
        log = PartitionLog.open(logDir, LogTestSupport.TP, config, time, new ManualScheduler(time));
        assertThat(log.leaderEpochs().entries()).isEqualTo(expected);
        assertThat(Files.readString(logDir.resolve("leader-epoch-checkpoint"))).isEqualTo("0\n3\n0 0\n2 2\n7 5\n");
        log.close();
    }

    @Test
    void aLeaderAppendWithAnOlderEpochIsRefused() {
        ManualTime time = new ManualTime(0);
        PartitionLog log = PartitionLog.open(dir.resolve("t-0"), LogTestSupport.TP, LogConfig.DEFAULT, time, new ManualScheduler(time));
        log.appendAsLeader(TestBatches.batch(1, 1, 1L), 5);
        assertThatThrownBy(() -> log.appendAsLeader(TestBatches.batch(1, 1, 1L), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("older than the log's latest epoch 5");
        assertThat(log.logEndOffset()).isEqualTo(1);
        assertThat(BatchHeader.partitionLeaderEpoch(log.read(0, 1000, 10, true).copyToHeap(), 0)).isEqualTo(5);
        log.close();
    }
}

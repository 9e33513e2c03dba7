package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tributary.common.records.BatchBuilder;
import io.tributary.common.records.BatchHeader;
import io.tributary.common.records.BatchScan;
import io.tributary.common.records.CheckedBatches;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RecoveryTest extends LogTestSupport {

    static final LogConfig CONFIG = LogConfig.DEFAULT.withSegmentBytes(1_000).withIndexIntervalBytes(100);
    ListAppender<ILoggingEvent> loaderLog;

    @BeforeEach
    void captureLoaderLog() {
        loaderLog = new ListAppender<>();
        loaderLog.start();
        ((Logger) LoggerFactory.getLogger(LogLoader.class)).addAppender(loaderLog);
    }

    @AfterEach
    void releaseLoaderLog() {
        ((Logger) LoggerFactory.getLogger(LogLoader.class)).detachAppender(loaderLog);
    }

    List<String> infoLines() {
        return loaderLog.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage).toList();
    }

    Path lastSegmentFile() {
        long base = log.segments().get(log.segmentCount() - 1).baseOffset();
        return dir.resolve(LogFiles.offsetName(base) + ".log");
    }

    static void cut(Path file, long size) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    static void flip(Path file, long position) throws Exception {
        flip(file, position, (byte) 0x5a);
    }

    static void flip(Path file, long position, byte mask) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, position);
            b.put(0, (byte) (b.get(0) ^ mask));
            b.rewind();
            ch.write(b, position);
        }
    }

    @Test
    void aCleanOpenLogsOneLineAndTrustsTheFiles() {
        open(CONFIG);
        appendMany(20, 2, 40, 0);
        log.close();
        loaderLog.list.clear();
        open(CONFIG);
        assertThat(infoLines()).hasSize(1);
        assertThat(infoLines().get(0)).contains("payments-0", "clean shutdown", "recovered 0 segment(s)", "offsets [0, 40)");
        assertThat(dir.resolve("clean-shutdown")).doesNotExist();
    }

    @Test
    void aCrashWithATornTailCutsTheTornBatchAndKeepsTheRest() throws Exception {
        open(CONFIG);
        appendMany(20, 2, 40, 0);
        ByteBuffer all = TestBatches.readAll(log, 0);
        Path last = lastSegmentFile();
        long lastSize = Files.size(last);
        log.simulateCrash();
        cut(last, lastSize - 7);
        loaderLog.list.clear();
        open(CONFIG);
        assertThat(log.logEndOffset()).isEqualTo(38);
        ByteBuffer recovered = TestBatches.readAll(log, 0);
        assertThat(recovered).isEqualTo(all.duplicate().limit(recovered.remaining()));
        assertThat(BatchScan.scan(recovered.duplicate(), Integer.MAX_VALUE, true)).isInstanceOf(CheckedBatches.class);
        log.verifyIndexes();
        assertThat(infoLines()).singleElement().asString().contains("unclean shutdown", "152 bytes truncated", "runs past the end");
        assertThat(log.appendAsLeader(TestBatches.batch(1, 1, 1L), 0).firstOffset()).isEqualTo(38);
    }

    @Test
    void corruptionAfterTheRecoveryPointCutsTheLogThereAndDropsLaterSegments() throws Exception {
        open(CONFIG);
        appendMany(10, 2, 40, 0);
        log.flush();
        long rp = log.recoveryPoint();
        appendMany(20, 2, 40, 0);
        ByteBuffer all = TestBatches.readAll(log, 0);
        int segmentsBefore = log.segmentCount();
        LogOffsetMetadata damaged = log.offsetMetadata(rp + 4);
        log.simulateCrash();
        flip(dir.resolve(LogFiles.offsetName(damaged.segmentBaseOffset()) + ".log"), damaged.positionInSegment() + 30);
        open(CONFIG);
        assertThat(log.logEndOffset()).isEqualTo(rp + 4);
        assertThat(log.segmentCount()).isLessThan(segmentsBefore);
        ByteBuffer recovered = TestBatches.readAll(log, 0);
        assertThat(recovered).isEqualTo(all.duplicate().limit(recovered.remaining()));
        log.verifyIndexes();
    }

    @Test
    void aDamagedLeaderEpochFieldIsCaughtThoughTheCrcDoesNotCoverIt() throws Exception {
        open(CONFIG);
        appendMany(3, 1, 10, 2);
        LogOffsetMetadata second = log.offsetMetadata(1);
        log.simulateCrash();
        Path seg = dir.resolve("00000000000000000000.log");
        // Epoch 2 becomes 1: older than the checkpoint allows there. (One that grew past the checkpoint's
        // last entry reads as a new epoch whose lazy checkpoint write was lost; see the next test.)
        flip(seg, second.positionInSegment() + BatchHeader.PARTITION_LEADER_EPOCH + 3, (byte) 0x03);
        open(CONFIG);
        assertThat(log.logEndOffset()).isEqualTo(1);
    }

    @Test
    void aNewEpochMissingFromTheCheckpointIsLearnedFromTheTailNotCut() throws Exception {
        open(CONFIG);
        appendMany(2, 1, 10, 2);
        log.flush();
        appendMany(2, 1, 10, 5);
        log.simulateCrash();
        // What an OS crash may leave: the lazily written epoch 5 never reached the disk.
        LeaderEpochCheckpointFile.write(dir.resolve(LogFiles.LEADER_EPOCH_CHECKPOINT), List.of(new EpochEntry(2, 0)), true);
        loaderLog.list.clear();
        open(CONFIG);
        assertThat(log.logEndOffset()).isEqualTo(4);
        assertThat(log.leaderEpochs().entries()).containsExactly(new EpochEntry(2, 0), new EpochEntry(5, 2));
        assertThat(LeaderEpochCheckpointFile.read(dir.resolve(LogFiles.LEADER_EPOCH_CHECKPOINT)))
                .containsExactly(new EpochEntry(2, 0), new EpochEntry(5, 2));
        assertThat(infoLines()).anySatisfy(l -> assertThat(l).contains("learned leader epochs [EpochEntry[epoch=5, startOffset=2]]"));
    }

    @Test
    void aLearnedEpochMustStillNotGoBackNorBeLearnedBeforeTheCheckpointsLastEntry() {
        LogLoader.EpochRecoveryCheck check = new LogLoader.EpochRecoveryCheck(List.of(new EpochEntry(2, 0), new EpochEntry(4, 10)));
        assertThat(check.check(5, 3)).contains("says 2");   // inside the checkpoint's range: never learned
        assertThat(check.check(10, 4)).isNull();
        assertThat(check.check(12, 6)).isNull();            // past its last entry: learned
        assertThat(check.check(14, 5)).contains("says 6");  // and then holds like a checkpointed one
        assertThat(check.known()).containsExactly(new EpochEntry(2, 0), new EpochEntry(4, 10), new EpochEntry(6, 12));
    }

    @Test
    void aBaseOffsetThatGoesBackIsCaughtButAGapIsACompactedLog() throws Exception {
        open(CONFIG);
        appendMany(3, 1, 10, 2);
        LogOffsetMetadata third = log.offsetMetadata(2);
        log.simulateCrash();
        // 2 becomes 0: the batch overlaps the one before it. (The CRC does not cover the base offset.)
        flip(dir.resolve("00000000000000000000.log"), third.positionInSegment() + 7, (byte) 0x02);
        open(CONFIG);
        assertThat(log.logEndOffset()).isEqualTo(2);
        LogOffsetMetadata second = log.offsetMetadata(1);
        log.simulateCrash();
        // 1 becomes 7: a gap, as the cleaner leaves when it removes whole batches, which recovery keeps,
        // as Kafka's does: offsets only have to increase.
        flip(dir.resolve("00000000000000000000.log"), second.positionInSegment() + 7, (byte) 0x06);
        open(CONFIG);
        assertThat(log.logEndOffset()).isEqualTo(8);
        assertThat(BatchBuilder.readAll(TestBatches.readAll(log, 0))).extracting(BatchBuilder.Record::offset).containsExactly(0L, 7L);
    }

    @Test
    void aMissingOrDamagedIndexIsRebuiltOnACleanOpen() throws Exception {
        open(CONFIG);
        appendMany(30, 2, 40, 0);
        ByteBuffer all = TestBatches.readAll(log, 0);
        log.close();
        Files.delete(dir.resolve("00000000000000000000.index"));
        Path secondIndex;
        try (var files = Files.list(dir)) {
            secondIndex = files.filter(p -> p.toString().endsWith(".index")).sorted().findFirst().orElseThrow();
        }
        // Make its last entry point past the segment.
        byte[] idx = Files.readAllBytes(secondIndex);
        ByteBuffer.wrap(idx).putInt(idx.length - 4, 1_000_000);
        Files.write(secondIndex, idx);
        open(CONFIG);
        assertThat(TestBatches.readAll(log, 0)).isEqualTo(all);
        log.verifyIndexes();
        assertThat(dir.resolve("00000000000000000000.index")).exists();
    }

    @Test
    void aCleanMarkerThatDisagreesWithTheLogTriggersRecovery() throws Exception {
        open(CONFIG);
        appendMany(5, 2, 40, 0);
        log.close();
        Files.writeString(dir.resolve("clean-shutdown"), "0\n99\n");
        loaderLog.list.clear();
        open(CONFIG);
        assertThat(log.logEndOffset()).isEqualTo(10);
        assertThat(infoLines()).singleElement().asString().contains("recovered 1 segment(s)");
    }

    @Test
    void strayFilesFromInterruptedWorkAreRemoved() throws Exception {
        open(CONFIG);
        appendMany(3, 1, 10, 0);
        log.close();
        Files.writeString(dir.resolve("leader-epoch-checkpoint.tmp"), "junk");
        Files.writeString(dir.resolve("00000000000000000777.index"), "");
        Files.writeString(dir.resolve("00000000000000000555.log.deleted"), "");
        Files.writeString(dir.resolve("operator-notes.txt"), "keep me");
        open(CONFIG);
        assertThat(dir.resolve("leader-epoch-checkpoint.tmp")).doesNotExist();
        assertThat(dir.resolve("00000000000000000777.index")).doesNotExist();
        assertThat(dir.resolve("00000000000000000555.log.deleted")).doesNotExist();
        assertThat(dir.resolve("operator-notes.txt")).exists();
        assertThat(log.logEndOffset()).isEqualTo(3);
    }

    @Test
    void theRecoveryPointAdvancesWithFlushesAndLimitsWhatIsRescanned() throws Exception {
        open(CONFIG.withFlushIntervalMessages(10));
        appendMany(4, 2, 40, 0);
        assertThat(log.recoveryPoint()).isZero();
        appendMany(1, 2, 40, 0);
        assertThat(log.recoveryPoint()).isEqualTo(10);
        assertThat(Files.readString(dir.resolve("recovery-point"))).isEqualTo("0\n10\n");
        appendMany(40, 2, 40, 0);
        scheduler.runDue(); // flushes of rolled segments
        long rp = log.recoveryPoint();
        assertThat(rp).isGreaterThan(60);
        log.simulateCrash();
        loaderLog.list.clear();
        open(CONFIG);
        assertThat(log.logEndOffset()).isEqualTo(90);
        // Only the segment holding the recovery point and later ones are re-read.
        String line = infoLines().get(0);
        int recovered = Integer.parseInt(line.replaceAll(".*recovered (\\d+) segment.*", "$1"));
        assertThat(recovered).isLessThan(log.segmentCount()).isPositive();
    }

    @Test
    void flushIfDueHonoursFlushMs() {
        open(CONFIG.withFlushMs(1_000));
        appendMany(2, 1, 10, 0);
        log.flushIfDue(time.milliseconds());
        assertThat(log.recoveryPoint()).isZero();
        time.advance(1_000);
        log.flushIfDue(time.milliseconds());
        assertThat(log.recoveryPoint()).isEqualTo(2);
    }
}

package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import io.tributary.common.records.BatchHeader;
import io.tributary.common.records.BatchScan;
import io.tributary.common.records.CheckedBatches;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The crash property: write a random log, crash (or close cleanly and lose the marker), cut the
 * last segment at a random byte and maybe damage a random byte after the recovery point; the
 * reopened log must be exactly the batches before the first damage, all valid, with consistent
 * indexes and epochs, and must carry on working.
 */
class CrashRecoveryProperties {

    static final TopicPartition TP = new TopicPartition("crash", 0);

    record Op(int records, int valueBytes, boolean bumpEpoch, boolean flushAfter) {
    }

    /** Where a batch sits on disk after the crash. */
    record Placed(int index, Path file, long position, int size, long baseOffset) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 250),
                Arbitraries.integers().between(0, 9).map(i -> i == 0),
                Arbitraries.integers().between(0, 9).map(i -> i == 0)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void theRecoveredLogIsExactlyTheUndamagedPrefix(
            @ForAll("ops") List<Op> ops,
            @ForAll @IntRange(min = 300, max = 3000) int segmentBytes,
            @ForAll @IntRange(min = 0, max = 600) int indexIntervalBytes,
            @ForAll @IntRange(min = 0, max = 3) int shutdownKind,
            @ForAll boolean cut,
            @ForAll @DoubleRange(min = 0, max = 1) double cutAt,
            @ForAll boolean corrupt,
            @ForAll @DoubleRange(min = 0, max = 1) double corruptAt,
            @ForAll @IntRange(min = 1, max = 255) int xor,
            @ForAll boolean rewindRecoveryPoint,
            @ForAll @DoubleRange(min = 0, max = 1) double rewindTo) throws Exception {
        Path dir = TempDirs.create("crash");
        ManualTime time = new ManualTime(1_000_000L);
        ManualScheduler scheduler = new ManualScheduler(time);
        LogConfig config = LogConfig.DEFAULT.withSegmentBytes(segmentBytes).withIndexIntervalBytes(indexIntervalBytes)
                .withSegmentIndexBytes(1024);
        PartitionLog log = PartitionLog.open(dir, TP, config, time, scheduler);
        try {
            int epoch = 0;
            for (Op op : ops) {
                if (op.bumpEpoch) {
                    epoch++;
                }
                log.appendAsLeader(TestBatches.batch(op.records, op.valueBytes, time.milliseconds()), epoch);
                time.advance(7);
                if (op.flushAfter) {
                    // Explicit flushes and the background flushes of rolled segments move the recovery point.
                    log.flush();
                    scheduler.runDue();
                }
            }
            List<ByteBuffer> written = TestBatches.split(TestBatches.readAll(log, 0));
            if (shutdownKind == 0) { // closed cleanly, then the marker was lost
                log.close();
                Files.delete(dir.resolve("clean-shutdown"));
            } else {
                log.simulateCrash();
            }
            long recoveryPoint = LogFiles.readOffsetFile(dir.resolve("recovery-point"));
            if (rewindRecoveryPoint && recoveryPoint > 0) {
                // An older recovery point is always safe (it only means more to re-read), and a crash
                // between an fsync and the recovery-point write leaves exactly that.
                recoveryPoint = (long) Math.floor(rewindTo * recoveryPoint);
                LogFiles.writeOffsetFile(dir.resolve("recovery-point"), recoveryPoint);
            }
            final long rp = recoveryPoint;

            List<Placed> placed = placeBatches(dir);
            assertThat(placed).hasSize(written.size());
            int firstDamaged = written.size();
            Path lastFile = placed.get(placed.size() - 1).file();
            long cutPosition = Files.size(lastFile);
            if (cut) {
                cutPosition = (long) Math.floor(cutAt * Files.size(lastFile));
                for (Placed p : placed) {
                    if (p.file().equals(lastFile) && p.position() + p.size() > cutPosition) {
                        firstDamaged = Math.min(firstDamaged, p.index());
                    }
                }
            }
            Path flipFile = null;
            long flipPosition = -1;
            if (corrupt) {
                final long cutPos = cutPosition;
                List<Placed> candidates = placed.stream()
                        .filter(p -> p.baseOffset() >= rp)
                        .filter(p -> !p.file().equals(lastFile) || p.position() + p.size() <= cutPos)
                        .toList();
                if (!candidates.isEmpty()) {
                    long total = candidates.stream().mapToLong(Placed::size).sum();
                    long pick = Math.min(total - 1, (long) Math.floor(corruptAt * total));
                    for (Placed p : candidates) {
                        if (pick < p.size()) {
                            if (pick < BatchHeader.BATCH_LENGTH) {
                                // The CRC does not cover the base offset, and compaction leaves gaps, so a base
                                // offset that grows reads as a gap, as in Kafka; RecoveryTest covers one that
                                // goes back. Damage the length field instead.
                                pick += BatchHeader.BATCH_LENGTH;
                            }
                            if (pick >= BatchHeader.PARTITION_LEADER_EPOCH && pick < BatchHeader.MAGIC) {
                                // The CRC does not cover the leader epoch either. Flipped upwards past the
                                // checkpoint's last entry, it reads as a newer epoch that recovery learns from
                                // the tail, as Kafka's does (new epochs are checkpointed without an fsync);
                                // RecoveryTest covers one flipped downwards. Damage the magic or the CRC instead.
                                pick += BatchHeader.MAGIC - BatchHeader.PARTITION_LEADER_EPOCH;
                            }
                            flipFile = p.file();
                            flipPosition = p.position() + pick;
                            firstDamaged = Math.min(firstDamaged, p.index());
                            break;
                        }
                        pick -= p.size();
                    }
                }
            }
            if (cut) {
                try (FileChannel ch = FileChannel.open(lastFile, StandardOpenOption.WRITE)) {
                    ch.truncate(cutPosition);
                }
            }
            if (flipFile != null) {
                flip(flipFile, flipPosition, xor);
            }

            Statistics.label("damage").collect(firstDamaged == written.size() ? "none" : firstDamaged == 0 ? "all" : "tail");
            Statistics.label("corrupted byte").collect(flipFile != null);
            Statistics.label("segments").collect(placed.stream().map(Placed::file).distinct().count() > 3 ? ">3" : "<=3");
            log = PartitionLog.open(dir, TP, config, time, scheduler);
            List<ByteBuffer> expected = written.subList(0, firstDamaged);
            long expectedEnd = expected.isEmpty() ? 0 : BatchHeader.lastOffset(expected.get(expected.size() - 1), 0) + 1;
            assertThat(log.logStartOffset()).isZero();
            assertThat(log.logEndOffset()).isEqualTo(expectedEnd);
            ByteBuffer recovered = TestBatches.readAll(log, 0);
            assertThat(recovered).isEqualTo(TestBatches.concat(expected.toArray(new ByteBuffer[0])));
            if (recovered.hasRemaining()) {
                assertThat(BatchScan.scan(recovered.duplicate(), Integer.MAX_VALUE, true)).isInstanceOf(CheckedBatches.class);
            }
            log.verifyIndexes();
            for (ByteBuffer b : expected) {
                assertThat(log.leaderEpochs().epochForOffset(BatchHeader.baseOffset(b, 0)))
                        .isEqualTo(BatchHeader.partitionLeaderEpoch(b, 0));
            }
            assertThat(log.leaderEpochs().entries()).allSatisfy(e -> assertThat(e.startOffset()).isLessThan(Math.max(1, expectedEnd)));
            assertThat(log.recoveryPoint()).isEqualTo(expectedEnd);

            // The log carries on: append, close cleanly, reopen, and everything is there.
            AppendInfo more = log.appendAsLeader(TestBatches.batch(2, 30, time.milliseconds()), epoch + 1);
            assertThat(more.firstOffset()).isEqualTo(expectedEnd);
            ByteBuffer before = TestBatches.readAll(log, 0);
            log.close();
            log = PartitionLog.open(dir, TP, config, time, scheduler);
            assertThat(TestBatches.readAll(log, 0)).isEqualTo(before);
            log.verifyIndexes();
        } finally {
            try {
                log.close();
            } catch (LogStorageException ignored) {
                // Already crashed.
            }
            TempDirs.deleteRecursively(dir);
        }
    }

    static void flip(Path file, long position, int xor) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, position);
            b.put(0, (byte) (b.get(0) ^ xor));
            b.rewind();
            ch.write(b, position);
        }
    }

    /** Walks the segment files in offset order and records where each batch lies. */
    static List<Placed> placeBatches(Path dir) throws Exception {
        List<Path> logs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.log")) {
            files.forEach(logs::add);
        }
        logs.sort(null);
        List<Placed> out = new ArrayList<>();
        for (Path f : logs) {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(f));
            int at = 0;
            while (at < bytes.limit()) {
                int size = BatchHeader.sizeInBytes(bytes, at);
                out.add(new Placed(out.size(), f, at, size, BatchHeader.baseOffset(bytes, at)));
                at += size;
            }
        }
        return out;
    }
}

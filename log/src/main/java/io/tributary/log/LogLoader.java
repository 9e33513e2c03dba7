package io.tributary.log;

import io.tributary.common.Time;
import io.tributary.common.records.BatchHeader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a partition directory and brings its log to a consistent state.
 *
 * <p>With the {@code clean-shutdown} marker (written by close, holding the log end offset as
 * "0\n&lt;offset&gt;\n"), the indexes and checkpoints are trusted after cheap checks: each index's
 * last entries, and the batches after the active segment's last index entry, which must end
 * exactly at the marker's offset. Otherwise every segment from the one holding the
 * {@code recovery-point} (all below it were fsynced) is read batch by batch: sizes, magic, CRC,
 * contiguous offsets and the leader epoch the checkpoint expects. The first bad batch and
 * everything after it are cut; indexes of the read segments are rebuilt.
 *
 * <p>The log start is the first segment's base offset, or the {@code log-start-offset} file's offset
 * where DeleteRecords moved it further, capped at the recovered log end.
 *
 * <p>Either way the marker is deleted before the log serves, so a crash from now on is detected
 * at the next open, and exactly one INFO line says what was found.
 */
final class LogLoader {

    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

    /** The loaded state handed to {@link PartitionLog}. */
    record Loaded(List<LogSegment> segments, long logStartOffset, long recoveryPoint, List<EpochEntry> epochs, boolean epochsRebuilt) {
    }

    private final Path dir;
    private final String partition;
    private final LogConfig config;
    private final Time time;
    private long bytesScanned;
    private long bytesTruncated;
    private int segmentsRecovered;
    private int segmentsDropped;
    private String truncationReason;
    private int recoveredFrom;

    LogLoader(Path dir, String partition, LogConfig config, Time time) {
        this.dir = dir;
        this.partition = partition;
        this.config = config;
        this.time = time;
    }

    Loaded load() throws IOException {
        long startNs = time.nanoseconds();
        Files.createDirectories(dir);
        Path marker = dir.resolve(LogFiles.CLEAN_SHUTDOWN);
        long markerEnd = readQuietly(marker);
        boolean clean = markerEnd >= 0;
        CleanedSegmentSwap.recover(dir, partition);
        removeStrayFiles();
        List<Long> bases = segmentBases();
        String shutdown = bases.isEmpty() ? "new log" : clean ? "clean shutdown" : "unclean shutdown";
        long recoveryPoint = Math.max(0, readQuietly(dir.resolve(LogFiles.RECOVERY_POINT)));

        List<EpochEntry> checkpointed = null;
        try {
            checkpointed = LeaderEpochCheckpointFile.read(dir.resolve(LogFiles.LEADER_EPOCH_CHECKPOINT));
        } catch (IOException e) {
            LOG.warn("Partition {}: ignoring unreadable leader-epoch-checkpoint, rebuilding it from the log: {}", partition, e.getMessage());
        }
        EpochRecoveryCheck epochCheck = new EpochRecoveryCheck(checkpointed);

        long nowMs = time.milliseconds();
        List<LogSegment> segments = new ArrayList<>();
        try {
            for (int i = 0; i < bases.size(); i++) {
                segments.add(LogSegment.open(dir, bases.get(i), config, i == bases.size() - 1, nowMs));
            }
            int recoverFrom = clean ? segments.size() : firstToRecover(segments, recoveryPoint);
            for (int i = 0; i < Math.min(recoverFrom, segments.size()); i++) {
                LogSegment s = segments.get(i);
                try {
                    s.sanityCheckIndexes();
                } catch (IndexFile.CorruptIndexException e) {
                    LOG.warn("Partition {}: rebuilding indexes of segment {}: {}", partition, s.baseOffset, e.getMessage());
                    recoverFrom = i;
                    break;
                }
                boolean last = i == segments.size() - 1;
                if (last) {
                    String bad = s.loadTail();
                    if (bad == null && clean && s.nextOffset() != markerEnd) {
                        bad = "log ends at " + s.nextOffset() + " but the clean-shutdown marker says " + markerEnd;
                    }
                    if (bad != null) {
                        LOG.warn("Partition {}: the active segment {} needs recovery despite a clean shutdown: {}", partition, s.baseOffset, bad);
                        recoverFrom = i;
                        break;
                    }
                } else {
                    s.loadFromTimeIndex(segments.get(i + 1).baseOffset);
                }
            }
            if (checkpointed == null) {
                // No trustworthy checkpoint: learn the epochs of the segments we will not re-read from their headers.
                for (int i = 0; i < Math.min(recoverFrom, segments.size()); i++) {
                    LogSegment s = segments.get(i);
                    boolean sound;
                    try {
                        sound = s.scan(s.baseOffset, s.size(), h -> epochCheck.check(
                                BatchHeader.baseOffset(h, 0), BatchHeader.partitionLeaderEpoch(h, 0)) == null);
                    } catch (LogStorageException e) {
                        sound = false;
                    }
                    if (!sound) {
                        recoverFrom = i;
                        break;
                    }
                }
            }
            recoveredFrom = recoverFrom;
            recover(segments, recoverFrom, epochCheck);
            if (!epochCheck.learned().isEmpty()) {
                // Durable before the recovery point below moves over those batches.
                LOG.info("Partition {}: learned leader epochs {} from the log tail, newer than its leader-epoch-checkpoint",
                        partition, epochCheck.learned());
                LeaderEpochCheckpointFile.write(dir.resolve(LogFiles.LEADER_EPOCH_CHECKPOINT), epochCheck.known(), true);
            }
            if (segments.isEmpty()) {
                // An empty directory, or a crash right after truncateFullyAndStartAt retired every
                // segment: that call wrote its new start as the recovery point first.
                segments.add(LogSegment.create(dir, recoveryPoint, config, nowMs));
            }
        } catch (IOException | RuntimeException e) {
            for (LogSegment s : segments) {
                try {
                    s.channel().close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }

        LogSegment active = segments.get(segments.size() - 1);
        long logEnd = active.nextOffset();
        // DeleteRecords may have moved the start inside the first segment; recovery may since have cut below it.
        long logStart = Math.min(Math.max(segments.get(0).baseOffset, readQuietly(dir.resolve(LogFiles.LOG_START_OFFSET))), logEnd);
        if (segmentsRecovered > 0) {
            // Make what recovery kept durable (the segments it re-read; those before were already),
            // so the recovery point can move to the end.
            for (LogSegment s : segments.subList(Math.min(recoveredFrom, segments.size() - 1), segments.size())) {
                s.flush();
            }
            recoveryPoint = logEnd;
            LogFiles.writeOffsetFile(dir.resolve(LogFiles.RECOVERY_POINT), recoveryPoint);
        }
        recoveryPoint = Math.min(Math.max(recoveryPoint, logStart), logEnd);
        Files.deleteIfExists(marker);
        LogFiles.fsyncDirectory(dir);

        long tookMs = (time.nanoseconds() - startNs) / 1_000_000L;
        LOG.info("Partition {}: loaded {} segment(s), offsets [{}, {}), {}; recovered {} segment(s), {} bytes scanned, "
                        + "{} bytes truncated, {} segment(s) dropped{}; recovery point {}; {} ms",
                partition, segments.size(), logStart, logEnd, shutdown, segmentsRecovered, bytesScanned,
                bytesTruncated, segmentsDropped, truncationReason == null ? "" : " (" + truncationReason + ")",
                recoveryPoint, tookMs);
        boolean rebuilt = checkpointed == null;
        return new Loaded(segments, logStart, recoveryPoint, rebuilt ? epochCheck.rebuilt() : epochCheck.known(), rebuilt);
    }

    /** Index of the segment holding the recovery point: everything from it on is re-read. */
    private static int firstToRecover(List<LogSegment> segments, long recoveryPoint) {
        int from = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).baseOffset <= recoveryPoint) {
                from = i;
            }
        }
        return from;
    }

    private void recover(List<LogSegment> segments, int from, EpochRecoveryCheck check) throws IOException {
        for (int i = from; i < segments.size(); i++) {
            LogSegment s = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (i > from) {
                LogSegment prev = segments.get(i - 1);
                // A gap is fine (the cleaner removed the batches at the end of the previous segment); an overlap is not.
                if (s.baseOffset < prev.nextOffset()) {
                    drop(segments, i, "segment " + s.baseOffset + " overlaps the previous one, which ends at " + prev.nextOffset());
                    break;
                }
            }
            if (!s.offsetIndex().isWritable()) {
                s.makeActive(config);
            }
            LogSegment.RecoveryOutcome outcome = s.recover(check);
            segmentsRecovered++;
            bytesScanned += outcome.validBytes() + outcome.truncatedBytes();
            bytesTruncated += outcome.truncatedBytes();
            if (outcome.reason() != null) {
                truncationReason = "segment " + s.baseOffset + ": " + outcome.reason();
                LOG.warn("Partition {}: cut segment {} at position {} ({} bytes): {}", partition, s.baseOffset,
                        outcome.validBytes(), outcome.truncatedBytes(), outcome.reason());
                if (!last) {
                    drop(segments, i + 1, "they follow a cut in segment " + s.baseOffset);
                }
                break;
            }
        }
        for (int i = 0; i < segments.size() - 1; i++) {
            segments.get(i).makeInactive();
        }
        if (!segments.isEmpty()) {
            LogSegment last = segments.get(segments.size() - 1);
            if (!last.offsetIndex().isWritable()) {
                last.makeActive(config);
            }
        }
    }

    /** Deletes segments from {@code from} on; nothing reads them yet, so their files go at once. */
    private void drop(List<LogSegment> segments, int from, String why) throws IOException {
        while (segments.size() > from) {
            LogSegment s = segments.remove(segments.size() - 1);
            bytesTruncated += s.size();
            segmentsDropped++;
            LOG.warn("Partition {}: deleting segment {} ({} bytes): {}", partition, s.baseOffset, s.size(), why);
            s.closeAndDeleteFiles();
        }
    }

    private long readQuietly(Path path) {
        try {
            return LogFiles.readOffsetFile(path);
        } catch (IOException e) {
            LOG.warn("Partition {}: ignoring unreadable {}: {}", partition, path.getFileName(), e.getMessage());
            return -1;
        }
    }

    /** Deletes leftovers of interrupted work: retired segments, temp files, indexes without a log. */
    private void removeStrayFiles() throws IOException {
        List<Path> stray = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(LogFiles.DELETED_SUFFIX) || name.endsWith(LogFiles.TEMP_SUFFIX)) {
                    stray.add(f);
                    continue;
                }
                long base = LogFiles.parseOffset(name, LogFiles.INDEX_SUFFIX);
                if (base < 0) {
                    base = LogFiles.parseOffset(name, LogFiles.TIME_INDEX_SUFFIX);
                }
                if (base >= 0 && !Files.exists(LogFiles.file(dir, base, LogFiles.LOG_SUFFIX))) {
                    stray.add(f);
                }
            }
        }
        for (Path f : stray) {
            Files.deleteIfExists(f);
        }
    }

    private List<Long> segmentBases() throws IOException {
        List<Long> bases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + LogFiles.LOG_SUFFIX)) {
            for (Path f : files) {
                long base = LogFiles.parseOffset(f.getFileName().toString(), LogFiles.LOG_SUFFIX);
                if (base >= 0) {
                    bases.add(base);
                }
            }
        }
        bases.sort(null);
        return bases;
    }

    /**
     * The leader-epoch rule recovery applies to each batch. With a checkpoint, each batch must carry
     * the epoch the checkpoint gives its offset (a damaged epoch field, which the CRC does not cover,
     * is caught here), with one exception: past the checkpoint's last entry, a batch may start a newer
     * epoch, which is learned. A new epoch is checkpointed without an fsync (it is on the failover
     * path, {@link LeaderEpochCache}), so after an OS crash the file may lack the newest epochs of the
     * tail this re-reads; it never lacks those of batches below the recovery point, which a flush made
     * durable first. Without a checkpoint, epochs must not decrease, and the checkpoint is rebuilt
     * from them.
     */
    static final class EpochRecoveryCheck implements LogSegment.RecoveryCheck {
        private final List<EpochEntry> trusted;
        private final List<EpochEntry> rebuilt = new ArrayList<>();
        private final List<EpochEntry> learned = new ArrayList<>();
        private final List<EpochEntry> known;   // trusted then learned; null without a checkpoint
        private int lastEpoch = -1;

        EpochRecoveryCheck(List<EpochEntry> trusted) {
            this.trusted = trusted;
            this.known = trusted == null ? null : new ArrayList<>(trusted);
        }

        @Override
        public String check(long baseOffset, int epoch) {
            if (epoch < -1) {
                return "batch at offset " + baseOffset + " carries leader epoch " + epoch;
            }
            if (trusted != null) {
                int at = -1;
                while (at + 1 < known.size() && known.get(at + 1).startOffset() <= baseOffset) {
                    at++;
                }
                int expected = at < 0 ? -1 : known.get(at).epoch();
                if (epoch > expected && at == known.size() - 1) {
                    learned.add(new EpochEntry(epoch, baseOffset));
                    known.add(learned.get(learned.size() - 1));
                } else if (epoch != expected) {
                    return "batch at offset " + baseOffset + " carries leader epoch " + epoch
                            + " but the leader-epoch-checkpoint says " + expected;
                }
            } else {
                if (epoch < lastEpoch) {
                    return "batch at offset " + baseOffset + " carries leader epoch " + epoch + " after epoch " + lastEpoch;
                }
                if (epoch > lastEpoch) {
                    rebuilt.add(new EpochEntry(epoch, baseOffset));
                }
            }
            lastEpoch = Math.max(lastEpoch, epoch);
            return null;
        }

        List<EpochEntry> rebuilt() {
            return List.copyOf(rebuilt);
        }

        /** The epochs recovery learned past the checkpoint's last entry; empty without a checkpoint. */
        List<EpochEntry> learned() {
            return List.copyOf(learned);
        }

        /** The checkpoint's entries followed by those learned; null without a checkpoint. */
        List<EpochEntry> known() {
            return known == null ? null : List.copyOf(known);
        }
    }
}

package io.tributary.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a partition's log ends, as files: a clean close leaves everything the next open can trust, a
 * deletion renames the directory at once and removes the files later, and a simulated crash writes
 * nothing at all. Opening is {@link LogLoader}'s.
 *
 * <p>Threading: {@link PartitionLog} calls each with its locks held (the flush lock, then the log's
 * lock, for a close or a deletion) and marks itself closed, so no append, flush or read starts on
 * files that are going away.
 */
final class LogShutdown {

    // The lines keep the log's logger: operators filter on it, and they are the log's events.
    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private LogShutdown() {
    }

    /**
     * Flushes, writes the checkpoints, trims the indexes and closes every file of {@code s}, runs
     * {@code markClosed}, and only then writes the clean-shutdown marker, the promise that all of it
     * can be trusted.
     */
    static void closeCleanly(String name, Path dir, LogState s, RecoveryPoint recoveryPoint, LeaderEpochCache epochs,
                             SegmentRetirer retirer, Runnable markClosed) throws IOException {
        RecoveryPoint.flushSegments(s, recoveryPoint.offsetLocked(), s.logEndOffset());
        s.active().flush();
        // The epochs first: recovery trusts the checkpoint for every batch below the recovery point.
        epochs.flush();
        recoveryPoint.markFlushed(s.logEndOffset());
        for (LogSegment seg : s.segments()) {
            seg.close();
        }
        retirer.deleteAllNow();
        markClosed.run();
        LogFiles.writeOffsetFile(dir.resolve(LogFiles.CLEAN_SHUTDOWN), s.logEndOffset());
        LOG.info("Partition {}: closed cleanly at log end offset {}", name, s.logEndOffset());
    }

    /**
     * Renames {@code dir} to {@code <topic>-<partition>.<id>-delete} and has the files of {@code s}
     * closed and removed {@code fileDeleteDelayMs} later, so reads already handed to {@code sendfile}
     * finish. Returns the renamed directory.
     */
    static Path deleteLater(String name, Path dir, LogState s, SegmentRetirer retirer, long fileDeleteDelayMs) throws IOException {
        Path renamed = LogDirs.renameForDeletion(dir);
        retirer.deleteLogLater(List.of(s.segments()), renamed, fileDeleteDelayMs);
        LOG.info("Partition {}: log deleted; {} renamed to {}, files removed in {} ms", name, dir.getFileName(),
                renamed.getFileName(), fileDeleteDelayMs);
        return renamed;
    }

    /** Drops the file handles of {@code s} as a killed process would, writing nothing. */
    static void dropHandlesAsCrash(LogState s) {
        for (LogSegment seg : s.segments()) {
            try {
                seg.channel().close();
            } catch (IOException ignored) {
                // A crash does not care.
            }
        }
    }
}

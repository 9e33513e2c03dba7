package io.tributary.log;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the cleaner stopped in one partition's log: below this offset the log is clean (each key
 * once), from it on dirty. Kept in the partition's {@code cleaner-offset-checkpoint} file (an offset
 * file, "0\n&lt;offset&gt;\n"; Kafka keeps one such file per log directory for all its partitions),
 * so a restart does not clean a clean log again. Losing it costs one needless cleaning, nothing more.
 *
 * <p>A truncation below the checkpoint lowers it: the batches that will refill that range are dirty.
 */
final class CleanerCheckpoint {

    static final String FILE = "cleaner-offset-checkpoint";
    private static final Logger LOG = LoggerFactory.getLogger(CleanerCheckpoint.class);

    private final Path file;
    private final String partition;
    private volatile long offset;
    /** The earliest delete horizon of a tombstone the last cleaning kept (-1: none); in memory only. */
    private volatile long tombstoneHorizonMs = -1L;

    CleanerCheckpoint(Path dir, String partition) {
        this.file = dir.resolve(FILE);
        this.partition = partition;
        long read;
        try {
            read = LogFiles.readOffsetFile(file);
        } catch (IOException e) {
            LOG.warn("Partition {}: ignoring unreadable {}; the log will be cleaned from its start: {}", partition, FILE, e.getMessage());
            read = -1;
        }
        this.offset = Math.max(0, read);
    }

    long offset() {
        return offset;
    }

    long tombstoneHorizonMs() {
        return tombstoneHorizonMs;
    }

    synchronized void advanceTo(long cleanedUpTo, long earliestTombstoneHorizonMs) {
        tombstoneHorizonMs = earliestTombstoneHorizonMs;
        if (cleanedUpTo > offset) {
            write(cleanedUpTo);
        }
    }

    /** The log was cut at {@code logEnd}: what lies at or above it is gone and what comes back is dirty. */
    synchronized void truncatedTo(long logEnd) {
        if (logEnd < offset) {
            write(logEnd);
        }
    }

    private void write(long value) {
        offset = value;
        try {
            LogFiles.writeOffsetFile(file, value);
        } catch (IOException e) {
            // The in-memory value still serves; a restart cleans a little more than it must.
            LOG.warn("Partition {}: cannot write {}: {}", partition, FILE, e.toString());
        }
    }
}

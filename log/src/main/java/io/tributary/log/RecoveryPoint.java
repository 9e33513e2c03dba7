package io.tributary.log;

import io.tributary.common.Time;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The offset below which every batch is known to be on disk, kept in the {@code recovery-point}
 * file ("0\n&lt;offset&gt;\n", replaced atomically), and what is not yet: unflushed records and
 * the time of the last flush, for {@code flush.messages} and {@code flush.ms}.
 *
 * <p>It only rises after an fsync, and falls (durably, at once) when the log is truncated below
 * it, because batches written again below a stale recovery point would be trusted unchecked after
 * a crash. A flush that raced a truncation does not move it. Locking: fields are guarded by the
 * partition lock; a flush takes {@link #flushLock()} first and the partition lock only briefly,
 * so fsyncs never block appends.
 */
final class RecoveryPoint {

    private final Path file;
    private final ReentrantLock partitionLock;
    private final Time time;
    private final ReentrantLock flushLock = new ReentrantLock();
    private long offset;
    private long truncations;
    private long unflushedRecords;
    private volatile long lastFlushMs;

    RecoveryPoint(Path file, long initial, ReentrantLock partitionLock, Time time) {
        this.file = file;
        this.offset = initial;
        this.partitionLock = partitionLock;
        this.time = time;
        this.lastFlushMs = time.milliseconds();
    }

    /** Held by whoever flushes; taken before the partition lock when both are needed. */
    ReentrantLock flushLock() {
        return flushLock;
    }

    long get() {
        partitionLock.lock();
        try {
            return offset;
        } finally {
            partitionLock.unlock();
        }
    }

    /** Partition lock held. Returns whether {@code flush.messages} now asks for a flush. */
    boolean recordAppend(int records, long flushIntervalMessages) {
        unflushedRecords += records;
        return unflushedRecords >= flushIntervalMessages;
    }

    boolean flushDue(long nowMs, long flushMs, long logEndOffset) {
        return nowMs - lastFlushMs >= flushMs && logEndOffset > get();
    }

    /** Partition lock held: the log was truncated and now ends at {@code newEnd}. */
    void truncatedTo(long newEnd) throws IOException {
        truncations++;
        if (offset > newEnd) {
            offset = newEnd;
            LogFiles.writeOffsetFile(file, offset);
        }
    }

    /** Partition lock held: the log was emptied to restart at {@code start}. Written before the old segments go. */
    void restartedAt(long start) throws IOException {
        truncations++;
        offset = start;
        LogFiles.writeOffsetFile(file, offset);
    }

    /** Partition lock held: retention moved the log start; nothing below it needs recovering. */
    void logStartAdvanced(long newStart) {
        offset = Math.max(offset, newStart);
    }

    /** Both locks held: everything up to {@code end} was just flushed (close). */
    void markFlushed(long end) throws IOException {
        offset = end;
        unflushedRecords = 0;
        LogFiles.writeOffsetFile(file, offset);
    }

    /** Partition lock held. */
    long offsetLocked() {
        return offset;
    }

    /**
     * Fsyncs the segments holding offsets in [recovery point, {@code target}) as of the published
     * state, runs {@code beforeRaise} (which makes the leader epochs of those batches durable), then
     * moves the recovery point to {@code target} unless the log was truncated or closed meanwhile.
     */
    void flushUpTo(long target, Supplier<LogState> stateSupplier, BooleanSupplier closed, Runnable beforeRaise) throws IOException {
        flushLock.lock();
        try {
            long generation;
            long from;
            LogState s;
            partitionLock.lock();
            try {
                if (closed.getAsBoolean()) {
                    return;
                }
                generation = truncations;
                from = offset;
                s = stateSupplier.get();
            } finally {
                partitionLock.unlock();
            }
            long upTo = Math.min(target, s.logEndOffset());
            if (upTo <= from) {
                return;
            }
            flushSegments(s, from, upTo);
            beforeRaise.run();
            partitionLock.lock();
            try {
                if (!closed.getAsBoolean() && generation == truncations && upTo > offset) {
                    offset = upTo;
                    LogFiles.writeOffsetFile(file, offset);
                    unflushedRecords = 0;
                    lastFlushMs = time.milliseconds();
                }
            } finally {
                partitionLock.unlock();
            }
        } finally {
            flushLock.unlock();
        }
    }

    /** Fsyncs every segment of {@code s} holding an offset in [from, to), and always the active one if it does. */
    static void flushSegments(LogState s, long from, long to) throws IOException {
        LogSegment[] segs = s.segments();
        for (int i = 0; i < segs.length; i++) {
            long upper = i == segs.length - 1 ? s.logEndOffset() : segs[i + 1].baseOffset;
            if (segs[i].baseOffset < to && upper > from) {
                segs[i].flush();
            }
        }
    }
}

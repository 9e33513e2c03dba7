package io.tributary.log;

import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.common.records.BatchRefusal;
import io.tributary.common.records.BatchScan;
import io.tributary.common.records.CheckedBatches;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One partition's durable log: a directory of segments ({@code <base>.log}, {@code .index},
 * {@code .timeindex}), the {@code leader-epoch-checkpoint}, producer-state {@code .snapshot}
 * files, and our {@code recovery-point}, {@code log-start-offset} and {@code clean-shutdown}
 * files. File layouts are in {@link LogSegment}, {@link OffsetIndex}, {@link TimeIndex},
 * {@link LeaderEpochCheckpointFile}, {@link ProducerSnapshots}, {@link LogFiles} and {@link LogLoader}.
 *
 * <p>Threading: appends, rolls, truncations, retention and close are serialised by one lock.
 * Reads take no lock: they work from an immutable {@link LogState} (segment list, log start, log end,
 * the active segment's readable size) that each change publishes through one volatile write after
 * its bytes are in the file, so a reader never sees half a batch. Retired segments stay open for
 * {@code file.delete.delay.ms} so a read already handed to {@code sendfile} completes. Truncation
 * only removes data above the high watermark, which consumer reads never reach; a follower's
 * own reads must not race its truncation (the broker serialises them per partition).
 *
 * <p>Lifecycle: {@link #open} gives an open log; {@link #close} or {@link #delete} end it, and
 * every append, read or change after that throws {@link LogStorageException}.
 */
public final class PartitionLog implements AutoCloseable {

    private final Path dir;
    private final TopicPartition topicPartition;
    private final String name;
    private final Time time;
    private final Scheduler scheduler;
    private final ReentrantLock lock = new ReentrantLock();
    private final LeaderEpochCache epochs;
    private final ProducerSnapshots snapshots;
    private final SegmentRetirer retirer;
    private volatile LogConfig config;
    private volatile LogState state;
    private volatile boolean closed;
    private final RecoveryPoint recoveryPoint;
    private final LogTruncation truncation;
    private final CleanerCheckpoint cleanerCheckpoint;
    private final LogEnd logEnd;

    private PartitionLog(Path dir, TopicPartition tp, LogConfig config, Time time, Scheduler scheduler, LogLoader.Loaded loaded) {
        this.dir = dir;
        this.topicPartition = tp;
        this.name = tp.toString();
        this.config = config;
        this.time = time;
        this.scheduler = scheduler;
        LogSegment[] segs = loaded.segments().toArray(new LogSegment[0]);
        LogSegment active = segs[segs.length - 1];
        this.state = new LogState(segs, loaded.logStartOffset(), active.nextOffset(), active.size());
        this.recoveryPoint = new RecoveryPoint(dir.resolve(LogFiles.RECOVERY_POINT), loaded.recoveryPoint(), lock, time);
        this.epochs = new LeaderEpochCache(name, dir.resolve(LogFiles.LEADER_EPOCH_CHECKPOINT), this::logEndOffset, loaded.epochs());
        this.snapshots = new ProducerSnapshots(dir, name);
        this.retirer = new SegmentRetirer(name, scheduler);
        this.cleanerCheckpoint = new CleanerCheckpoint(dir, name);
        this.logEnd = new LogEnd(dir, name, this::config, scheduler, published -> state = published, this::flushUpTo);
        this.truncation = new LogTruncation(dir, name, time, this::config, epochs, snapshots, retirer, recoveryPoint,
                published -> state = published);
    }

    /**
     * Opens (creating if needed) the log in {@code partitionDir}, the partition's own directory
     * ({@code <log.dir>/<topic>-<partition>}), recovering it as {@link LogLoader} describes.
     *
     * @param scheduler runs deferred file deletion and flushes of rolled segments on a broker thread
     */
    public static PartitionLog open(Path partitionDir, TopicPartition tp, LogConfig config, Time time, Scheduler scheduler) {
        try {
            LogLoader.Loaded loaded = new LogLoader(partitionDir, tp.toString(), config, time).load();
            PartitionLog log = new PartitionLog(partitionDir, tp, config, time, scheduler, loaded);
            log.lock.lock();
            try {
                LogState s = log.state;
                if (loaded.epochsRebuilt()) {
                    log.epochs.flush();
                }
                log.epochs.truncateFromEnd(s.logEndOffset());
                // From the first segment, not the log start: batches below a start DeleteRecords moved stay in it.
                log.epochs.truncateFromStart(s.segments()[0].baseOffset);
                log.snapshots.deleteAbove(s.logEndOffset());
                log.snapshots.deleteBelow(s.segments()[0].baseOffset);
                // Recovery may have cut what was cleaned (unflushed below the high watermark); what refills it is dirty.
                log.cleanerCheckpoint.truncatedTo(s.logEndOffset());
            } finally {
                log.lock.unlock();
            }
            return log;
        } catch (IOException e) {
            throw new LogStorageException("cannot open the log of " + tp + " in " + partitionDir, e);
        }
    }

    // ------------------------------------------------------------------ appends

    /**
     * Appends batches a leader accepted, checking them first (sizes, magic, counts, CRC: see
     * {@link BatchScan}); then as {@link #appendAsLeader(CheckedBatches, int)}. For callers that did not
     * check the bytes themselves (tools, tests).
     *
     * @throws IllegalArgumentException if the bytes are not whole sound batches or the epoch is older than the log's
     */
    public AppendInfo appendAsLeader(ByteBuffer batches, int leaderEpoch) {
        return appendAsLeader(checkOrRefuse(batches, config.maxMessageBytes(), false), leaderEpoch);
    }

    /**
     * Appends batches a leader checked and accepted: assigns offsets from the log end and stamps
     * {@code leaderEpoch} on each, in place in their bytes (a read-only view is copied first). A new
     * epoch is recorded in the leader-epoch cache first. Nothing is read back from the headers: the
     * offsets, sizes and timestamps come from {@code batches}.
     *
     * @throws IllegalArgumentException if a batch exceeds {@code max.message.bytes} or the epoch is older than the log's
     */
    public AppendInfo appendAsLeader(CheckedBatches batches, int leaderEpoch) {
        if (leaderEpoch < 0) {
            throw new IllegalArgumentException("leader epoch must be >= 0, got " + leaderEpoch);
        }
        if (batches.isReadOnly()) {
            // The network hands the broker a writable view of the request frame; only other callers pay for this.
            batches = batches.copiedToHeap();
        }
        AppendInfo info;
        boolean flushNow;
        lock.lock();
        try {
            ensureOpen();
            LogConfig cfg = config;
            if (batches.largestBatchBytes() > cfg.maxMessageBytes()) {
                // Checked against an older config: the topic's max.message.bytes shrank in between.
                throw new IllegalArgumentException("append to " + name + " refused: batch of " + batches.largestBatchBytes()
                        + " bytes exceeds max.message.bytes " + cfg.maxMessageBytes());
            }
            int latest = epochs.latestEpoch();
            if (leaderEpoch < latest) {
                throw new IllegalArgumentException("append to " + name + " refused: leader epoch " + leaderEpoch
                        + " is older than the log's latest epoch " + latest);
            }
            long nowMs = time.milliseconds();
            long appendTimeMs = cfg.messageTimestampType() == LogConfig.TimestampType.LOG_APPEND_TIME ? nowMs : -1L;
            long first = state.logEndOffset();
            long last = first + batches.recordCount() - 1;
            AppendBatches.stampAsLeader(batches, first, leaderEpoch, appendTimeMs);
            if (leaderEpoch > latest) {
                epochs.assign(leaderEpoch, first);
            }
            // Under LogAppendTime every batch now carries the append time, so the first one holds the maximum.
            long maxTimestamp = appendTimeMs >= 0 ? appendTimeMs : batches.maxTimestamp();
            long offsetOfMax = appendTimeMs >= 0 || batches.offsetDeltaOfMaxTimestamp() < 0 ? first
                    : first + batches.offsetDeltaOfMaxTimestamp();
            logEnd.write(state, batches, first, last, maxTimestamp, appendTimeMs, nowMs, false);
            truncation.dropSegmentsBelowStart(state);
            info = new AppendInfo(first, last, maxTimestamp, offsetOfMax, appendTimeMs, state.logStartOffset(),
                    batches.batchCount(), batches.recordCount(), batches.sizeInBytes());
            flushNow = recoveryPoint.recordAppend(batches.recordCount(), cfg.flushIntervalMessages());
        } finally {
            lock.unlock();
        }
        if (flushNow) {
            flush();
        }
        return info;
    }

    /**
     * Appends batches fetched from the leader, keeping their offsets and epochs, after checking them
     * (sizes, magic, counts, CRC; no size limit: the leader applied its own); then as
     * {@link #appendAsFollower(CheckedBatches)}.
     *
     * @throws UnexpectedAppendOffsetException if the offsets do not continue the log
     * @throws IllegalArgumentException        if the bytes or epochs are unsound; nothing is written
     */
    public AppendInfo appendAsFollower(ByteBuffer batches) {
        return appendAsFollower(checkOrRefuse(batches, Long.MAX_VALUE, true));
    }

    /**
     * Appends checked batches fetched from the leader, keeping their offsets and epochs. Their CRCs must
     * have been verified; they must start at or after the log end (after it where the leader's cleaner
     * removed whole batches), and never carry an epoch older than the log's latest.
     *
     * @throws UnexpectedAppendOffsetException if the offsets do not continue the log
     * @throws IllegalArgumentException        if the CRCs were not verified or the epochs are unsound; nothing is written
     */
    public AppendInfo appendAsFollower(CheckedBatches batches) {
        if (!batches.crcVerified()) {
            throw new IllegalArgumentException("append to " + name + " refused: a follower's batches need their CRCs verified");
        }
        AppendInfo info;
        boolean flushNow;
        lock.lock();
        try {
            ensureOpen();
            AppendBatches.checkContinues(batches, state.logEndOffset(), epochs.latestEpoch(), name);
            AppendBatches.learnEpochs(batches, epochs);
            long first = batches.batches().get(0).baseOffset();
            long last = batches.batches().get(batches.batchCount() - 1).lastOffset();
            long offsetOfMax = AppendBatches.baseOffsetOfMaxTimestamp(batches);
            logEnd.write(state, batches, first, last, batches.maxTimestamp(), -1L, time.milliseconds(), true);
            truncation.dropSegmentsBelowStart(state);
            info = new AppendInfo(first, last, batches.maxTimestamp(), offsetOfMax, -1L, state.logStartOffset(),
                    batches.batchCount(), batches.recordCount(), batches.sizeInBytes());
            flushNow = recoveryPoint.recordAppend(batches.recordCount(), config.flushIntervalMessages());
        } finally {
            lock.unlock();
        }
        if (flushNow) {
            flush();
        }
        return info;
    }

    private CheckedBatches checkOrRefuse(ByteBuffer batches, long batchBytesMax, boolean compacted) {
        BatchScan.Result scanned = BatchScan.scan(batches, batchBytesMax, true, compacted);
        if (scanned instanceof BatchRefusal refusal) {
            throw new IllegalArgumentException(refusal.describe(name));
        }
        return (CheckedBatches) scanned;
    }

    // ------------------------------------------------------------------ reads

    /**
     * Whole batches starting with the one that holds {@code startOffset}, within one segment: none
     * whose last offset reaches {@code maxOffsetExclusive} (the high watermark for consumers, the
     * log end for followers), at most {@code maxBytes} unless {@code minOneBatch} and the first
     * batch alone is larger. Lock-free.
     *
     * @throws OffsetOutOfRangeException if {@code startOffset} is outside [log start, log end]
     */
    public LogReadResult read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        return LogReader.read(readableState(), name, startOffset, maxBytes, maxOffsetExclusive, minOneBatch);
    }

    /** Where {@code offset}'s batch sits (for turning the high watermark into byte positions). */
    public LogOffsetMetadata offsetMetadata(long offset) {
        return read(offset, 0, offset + 1, false).fetchOffsetMetadata();
    }

    public LogOffsetMetadata logEndOffsetMetadata() {
        return state.endMetadata();
    }

    /**
     * ListOffsets by time: the first record, at or after the log start, whose timestamp is at
     * least {@code timestamp}; empty if every record is older.
     */
    public Optional<TimestampAndOffset> offsetForTimestamp(long timestamp) {
        return LogReader.offsetForTimestamp(readableState(), name, timestamp);
    }

    /** ListOffsets MAX_TIMESTAMP: the record with the largest timestamp; empty if no record has one. */
    public Optional<TimestampAndOffset> maxTimestampAndOffset() {
        return LogReader.maxTimestampAndOffset(readableState(), name);
    }

    /**
     * Visits the header of every batch from the one holding {@code fromOffset} (clamped up to the
     * log start) to the log end as of the call, in order, until the visitor returns false.
     *
     * @throws OffsetOutOfRangeException if {@code fromOffset} is past the log end
     */
    public void scanBatches(long fromOffset, BatchVisitor visitor) {
        LogReader.scanBatches(readableState(), name, fromOffset, visitor);
    }

    private LogState readableState() {
        LogState s = state;
        if (closed) {
            throw new LogStorageException("the log of " + name + " is closed");
        }
        return s;
    }

    public long logStartOffset() {
        return state.logStartOffset();
    }

    public long logEndOffset() {
        return state.logEndOffset();
    }

    public LeaderEpochCache leaderEpochs() {
        return epochs;
    }

    // ------------------------------------------------------------------ truncation

    /**
     * Removes every batch at or after {@code offset} (the whole batch holding it, if it falls
     * inside one) and returns the new log end. A follower does this when it learns where its log
     * diverged from the leader's. An offset below the log start empties the log to start there.
     */
    public long truncateTo(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("cannot truncate " + name + " to negative offset " + offset);
        }
        return locked("cannot truncate " + name + " to " + offset, s -> {
            if (offset >= s.logEndOffset()) {
                // Nothing to cut, but the epoch cache may name an epoch that starts at the log end
                // with no batch: this replica led it briefly and appended nothing before it was
                // deposed. A follower must not keep it (its fetches would name an epoch the log
                // never had), so it goes, as Kafka drops it.
                epochs.truncateFromEnd(s.logEndOffset());
                return s.logEndOffset();
            }
            if (offset < s.logStartOffset()) {
                truncateFullyAndStartAt(offset);
                return offset;
            }
            long newEnd = truncation.truncateTo(s, offset);
            cleanerCheckpoint.truncatedTo(newEnd);
            return newEnd;
        });
    }

    /**
     * Empties the log and restarts it at {@code offset} (log start = log end = offset), as a
     * follower does when the leader no longer has the offsets it would fetch. The leader-epoch
     * cache and producer snapshots are cleared.
     */
    public void truncateFullyAndStartAt(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("cannot restart " + name + " at negative offset " + offset);
        }
        locked("cannot restart " + name + " at " + offset, s -> {
            truncation.restartAt(s, offset);
            cleanerCheckpoint.truncatedTo(offset);
            return null;
        });
    }

    // ------------------------------------------------------------------ retention

    /**
     * Moves the log start up to {@code newStart} (at most the log end) for {@code reason}: offsets below
     * it are no longer readable, and segments wholly below it are deleted; see
     * {@link LogTruncation#advanceStart}. Returns false, changing nothing, if the start is already there.
     */
    public boolean advanceLogStartOffset(long newStart, String reason) {
        return locked("cannot move the log start of " + name + " to " + newStart, s -> {
            if (newStart > s.logEndOffset()) {
                throw new IllegalArgumentException("cannot move the log start of " + name + " to " + newStart
                        + ", past its log end " + s.logEndOffset());
            }
            if (newStart <= s.logStartOffset()) {
                return false;
            }
            truncation.advanceStart(s, newStart, reason);
            return true;
        });
    }

    /** Applies retention with every batch counted as replicated (a single-replica log). */
    public int applyRetention(long nowMs) {
        return applyRetention(nowMs, Long.MAX_VALUE);
    }

    /**
     * Deletes the oldest segments that {@code retention.ms} or {@code retention.bytes} condemn
     * (see {@link RetentionPlanner}), never past {@code highWatermark}, advancing the log start.
     * Returns how many segments went. A topic whose {@code cleanup.policy} lacks {@code delete}
     * (compacted only) keeps every segment: only the cleaner shrinks it.
     */
    public int applyRetention(long nowMs, long highWatermark) {
        return locked("cannot apply retention to " + name, current -> {
            LogConfig cfg = config;
            if (!cfg.compaction().delete()) {
                return 0;
            }
            LogState s = current;
            List<RetentionPlanner.Candidate> candidates = RetentionPlanner.candidates(s);
            RetentionPlanner.Plan plan = RetentionPlanner.plan(candidates, nowMs, cfg.retentionMs(), cfg.retentionBytes(),
                    Math.min(highWatermark, s.logEndOffset()));
            if (plan.count() == 0) {
                return 0;
            }
            if (plan.count() == s.segments().length) {
                s = logEnd.roll(s, time.milliseconds(), "is due for deletion by " + plan.reason());
            }
            return truncation.dropOldest(s, plan.count(), plan.reason());
        });
    }

    // ------------------------------------------------------------------ compaction

    LogState currentState() {
        return readableState();
    }

    CleanerCheckpoint cleanerCheckpoint() {
        return cleanerCheckpoint;
    }

    /** The cleaner's swap ({@link CleanedSegmentSwap#install}); false, changing nothing, if the log moved on. */
    boolean replaceWithCleaned(List<LogSegment> replaced, LogSegment cleaned, long replacedEnd) {
        return locked("cannot swap the cleaned segment " + cleaned.baseOffset + " into " + name, s -> {
            LogState next = CleanedSegmentSwap.install(dir, s, replaced, cleaned, replacedEnd, retirer, config.fileDeleteDelayMs());
            if (next != null) {
                state = next;
            }
            return next != null;
        });
    }

    // ------------------------------------------------------------------ producer snapshots

    /** Stores producer state as of {@code offset} (batches below it applied); atomic. */
    public void writeProducerSnapshot(long offset, ByteBuffer bytes) {
        LogState s = readableState();
        if (offset < s.logStartOffset() || offset > s.logEndOffset()) {
            throw new IllegalArgumentException("snapshot offset " + offset + " of " + name + " is outside ["
                    + s.logStartOffset() + ", " + s.logEndOffset() + "]");
        }
        snapshots.write(offset, bytes);
    }

    /** The newest intact snapshot at or below the log end. */
    public Optional<ProducerSnapshot> latestProducerSnapshot() {
        return snapshots.latest().filter(p -> p.offset() <= state.logEndOffset());
    }

    public List<Long> producerSnapshotOffsets() {
        return snapshots.offsets();
    }

    // ------------------------------------------------------------------ durability

    /** Forces everything up to the log end to disk and moves the recovery point there. */
    public void flush() {
        flushUpTo(state.logEndOffset());
    }

    /** Flushes when unflushed data is older than {@code flush.ms}; the broker calls this periodically. */
    public void flushIfDue(long nowMs) {
        if (recoveryPoint.flushDue(nowMs, config.flushMs(), state.logEndOffset())) {
            flush();
        }
    }

    /** Fsyncs segments holding offsets below {@code offset}, then records it as the recovery point. */
    void flushUpTo(long offset) {
        try {
            recoveryPoint.flushUpTo(offset, () -> state, () -> closed, epochs::syncBeforeRecoveryPoint);
        } catch (IOException e) {
            throw new LogStorageException("cannot flush " + name, e);
        }
    }

    /** The offset below which every batch is known to be on disk. */
    public long recoveryPoint() {
        return recoveryPoint.get();
    }

    /**
     * Flushes, writes the checkpoints, trims the indexes, closes every file and finally writes
     * the clean-shutdown marker, so the next open can trust all of it ({@link LogShutdown}).
     */
    @Override
    public void close() {
        recoveryPoint.flushLock().lock();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            LogShutdown.closeCleanly(name, dir, state, recoveryPoint, epochs, retirer, () -> closed = true);
        } catch (IOException e) {
            closed = true;
            throw new LogStorageException("cannot close " + name + " cleanly; the next open will recover it", e);
        } finally {
            lock.unlock();
            recoveryPoint.flushLock().unlock();
        }
    }

    /**
     * Deletes this partition's log (the topic was deleted or the replica moved away): the directory
     * is renamed {@code <topic>-<partition>.<id>-delete} at once, and its files are closed and removed
     * {@code file.delete.delay.ms} later, so reads already handed to {@code sendfile} finish. The log
     * cannot be used afterwards. Returns the renamed directory.
     */
    public Path delete() {
        recoveryPoint.flushLock().lock();
        lock.lock();
        try {
            ensureOpen();
            closed = true;
            return LogShutdown.deleteLater(name, dir, state, retirer, config.fileDeleteDelayMs());
        } catch (IOException e) {
            throw new LogStorageException("cannot delete the log of " + name, e);
        } finally {
            lock.unlock();
            recoveryPoint.flushLock().unlock();
        }
    }

    /** What runs under the log's lock on an open log, given its state then; it may fail with an I/O error. */
    @FunctionalInterface
    private interface LockedIo<T> {
        T run(LogState s) throws IOException;
    }

    /**
     * Runs {@code body} under the lock, on the open log; an I/O error becomes a
     * {@link LogStorageException} that starts with {@code failure} (what could not be done).
     */
    private <T> T locked(String failure, LockedIo<T> body) {
        lock.lock();
        try {
            ensureOpen();
            return body.run(state);
        } catch (IOException e) {
            throw new LogStorageException(failure, e);
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogStorageException("the log of " + name + " is closed");
        }
    }

    // ------------------------------------------------------------------ config and metrics

    /** Applies changed topic configs; new values take effect from the next append, roll or retention run. */
    public void updateConfig(LogConfig newConfig) {
        this.config = newConfig;
    }

    public LogConfig config() {
        return config;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public Path dir() {
        return dir;
    }

    public int segmentCount() {
        return state.segments().length;
    }

    /** Bytes of batches in all live segments. */
    public long sizeInBytes() {
        return LogView.sizeInBytes(state);
    }

    public List<SegmentInfo> segments() {
        return LogView.segments(state);
    }

    /**
     * Test hook: drops the file handles as a killed process would, writing nothing (no flush, no
     * index trim, no checkpoint, no clean-shutdown marker).
     */
    void simulateCrash() {
        lock.lock();
        try {
            closed = true;
            LogShutdown.dropHandlesAsCrash(state);
        } finally {
            lock.unlock();
        }
    }

    /** Diagnostic for tests and operators' tools: see {@link SegmentSearch#verifyIndexes}. */
    void verifyIndexes() {
        LogReader.verifyIndexes(state, name);
    }

    @Override
    public String toString() {
        LogState s = state;
        return "PartitionLog(" + name + ", [" + s.logStartOffset() + ", " + s.logEndOffset() + "), " + s.segments().length + " segments)";
    }
}

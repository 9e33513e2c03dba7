package io.tributary.log;

import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.common.records.BatchHeader;
import io.tributary.common.records.RecordsSlice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's durable log: a directory of segments ({@code <base>.log}, {@code .index},
 * {@code .timeindex}), the {@code leader-epoch-checkpoint}, producer-state {@code .snapshot}
 * files, and our {@code recovery-point} and {@code clean-shutdown} files. File layouts are in
 * {@link LogSegment}, {@link OffsetIndex}, {@link TimeIndex}, {@link LeaderEpochCheckpointFile},
 * {@link ProducerSnapshots} and {@link LogLoader}.
 *
 * <p>Threading: appends, rolls, truncations, retention and close are serialised by one lock.
 * Reads take no lock: they work from an immutable {@link State} (segment list, log start, log end,
 * the active segment's readable size) that each change publishes through one volatile write after
 * its bytes are in the file, so a reader never sees half a batch. Retired segments stay open for
 * {@code file.delete.delay.ms} so a read already handed to {@code sendfile} completes. Truncation
 * only removes data above the high watermark, which consumer reads never reach; a follower's
 * own reads must not race its truncation (the broker serialises them per partition).
 */
public final class PartitionLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    /** What readers see; replaced whole on every change. */
    private record State(LogSegment[] segments, long logStartOffset, long logEndOffset, int activeSize) {
        LogSegment active() {
            return segments[segments.length - 1];
        }

        int boundOf(int i) {
            return i == segments.length - 1 ? activeSize : segments[i].size();
        }

        /** Index of the segment whose range holds {@code offset} (the last with base at most it). */
        int floorIndex(long offset) {
            int lo = 0;
            int hi = segments.length - 1;
            int found = 0;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (segments[mid].baseOffset <= offset) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }
    }

    private final Path dir;
    private final TopicPartition topicPartition;
    private final String name;
    private final Time time;
    private final Scheduler scheduler;
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock flushLock = new ReentrantLock();
    private final LeaderEpochCache epochs;
    private final ProducerSnapshots snapshots;
    private final SegmentRetirer retirer;
    private volatile LogConfig config;
    private volatile State state;
    private volatile boolean closed;
    private long recoveryPoint;       // guarded by lock
    private long truncations;         // guarded by lock: a flush that raced a truncation must not move the recovery point
    private long unflushedRecords;    // guarded by lock
    private volatile long lastFlushMs;

    private PartitionLog(Path dir, TopicPartition tp, LogConfig config, Time time, Scheduler scheduler, LogLoader.Loaded loaded) {
        this.dir = dir;
        this.topicPartition = tp;
        this.name = tp.toString();
        this.config = config;
        this.time = time;
        this.scheduler = scheduler;
        LogSegment[] segs = loaded.segments().toArray(new LogSegment[0]);
        LogSegment active = segs[segs.length - 1];
        this.state = new State(segs, segs[0].baseOffset, active.nextOffset(), active.size());
        this.recoveryPoint = loaded.recoveryPoint();
        this.epochs = new LeaderEpochCache(name, dir.resolve(LogFiles.LEADER_EPOCH_CHECKPOINT), this::logEndOffset, loaded.epochs());
        this.snapshots = new ProducerSnapshots(dir, name);
        this.retirer = new SegmentRetirer(name, scheduler);
        this.lastFlushMs = time.milliseconds();
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
                State s = log.state;
                if (loaded.epochsRebuilt()) {
                    log.epochs.flush();
                }
                log.epochs.truncateFromEnd(s.logEndOffset);
                log.epochs.truncateFromStart(s.logStartOffset);
                log.snapshots.deleteAbove(s.logEndOffset);
                log.snapshots.deleteBelow(s.logStartOffset);
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
     * Appends batches a leader accepted: assigns offsets from the log end and stamps
     * {@code leaderEpoch} on each, in place in {@code validatedBatches} (position to limit, already
     * checked by {@code BatchValidator}). A new epoch is recorded in the leader-epoch cache first.
     *
     * @throws IllegalArgumentException if the bytes are not whole sound batches or the epoch is older than the log's
     */
    public AppendInfo appendAsLeader(ByteBuffer validatedBatches, int leaderEpoch) {
        if (leaderEpoch < 0) {
            throw new IllegalArgumentException("leader epoch must be >= 0, got " + leaderEpoch);
        }
        AppendInfo info;
        boolean flushNow;
        lock.lock();
        try {
            ensureOpen();
            LogConfig cfg = config;
            AppendBatches.inspect(validatedBatches, cfg.maxMessageBytes(), false, name);
            int latest = epochs.latestEpoch();
            if (leaderEpoch < latest) {
                throw new IllegalArgumentException("append to " + name + " refused: leader epoch " + leaderEpoch
                        + " is older than the log's latest epoch " + latest);
            }
            long nowMs = time.milliseconds();
            long appendTimeMs = cfg.messageTimestampType() == LogConfig.TimestampType.LOG_APPEND_TIME ? nowMs : -1L;
            long first = state.logEndOffset;
            AppendBatches.Summary sum = AppendBatches.stampAsLeader(validatedBatches, first, leaderEpoch, appendTimeMs);
            if (leaderEpoch > latest) {
                epochs.assign(leaderEpoch, first);
            }
            writeLocked(validatedBatches, sum, nowMs);
            info = new AppendInfo(first, sum.lastOffset(), sum.maxTimestamp(), sum.offsetOfMaxTimestamp(), appendTimeMs,
                    state.logStartOffset, sum.batches(), sum.records(), sum.bytes());
            flushNow = unflushedRecords >= cfg.flushIntervalMessages();
        } finally {
            lock.unlock();
        }
        if (flushNow) {
            flush();
        }
        return info;
    }

    /**
     * Appends batches fetched from the leader, keeping their offsets and epochs. They must continue
     * the log exactly, carry valid CRCs, and never carry an epoch older than the log's latest.
     *
     * @throws UnexpectedAppendOffsetException if the offsets do not continue the log
     * @throws IllegalArgumentException        if the bytes or epochs are unsound; nothing is written
     */
    public AppendInfo appendAsFollower(ByteBuffer batches) {
        AppendInfo info;
        boolean flushNow;
        lock.lock();
        try {
            ensureOpen();
            AppendBatches.Summary sum = AppendBatches.inspect(batches, Integer.MAX_VALUE, true, name);
            long expected = state.logEndOffset;
            int epoch = epochs.latestEpoch();
            for (int at = batches.position(); at < batches.limit(); at += BatchHeader.sizeInBytes(batches, at)) {
                long base = BatchHeader.baseOffset(batches, at);
                if (base != expected) {
                    throw new UnexpectedAppendOffsetException(name, expected, base);
                }
                int batchEpoch = BatchHeader.partitionLeaderEpoch(batches, at);
                if (batchEpoch < epoch) {
                    throw new IllegalArgumentException("append to " + name + " refused: batch at offset " + base
                            + " carries leader epoch " + batchEpoch + ", older than " + epoch + "; truncate first");
                }
                epoch = batchEpoch;
                expected = BatchHeader.lastOffset(batches, at) + 1;
            }
            for (int at = batches.position(); at < batches.limit(); at += BatchHeader.sizeInBytes(batches, at)) {
                int batchEpoch = BatchHeader.partitionLeaderEpoch(batches, at);
                if (batchEpoch > epochs.latestEpoch()) {
                    epochs.assign(batchEpoch, BatchHeader.baseOffset(batches, at));
                }
            }
            writeLocked(batches, sum, time.milliseconds());
            info = new AppendInfo(sum.firstBaseOffset(), sum.lastOffset(), sum.maxTimestamp(), sum.offsetOfMaxTimestamp(), -1L,
                    state.logStartOffset, sum.batches(), sum.records(), sum.bytes());
            flushNow = unflushedRecords >= config.flushIntervalMessages();
        } finally {
            lock.unlock();
        }
        if (flushNow) {
            flush();
        }
        return info;
    }

    private void writeLocked(ByteBuffer batches, AppendBatches.Summary sum, long nowMs) {
        State s = state;
        if (sum.firstBaseOffset() != s.logEndOffset) {
            throw new IllegalStateException("append to " + name + " at offset " + sum.firstBaseOffset() + " but the log ends at " + s.logEndOffset);
        }
        try {
            LogSegment active = s.active();
            if (active.shouldRoll(sum.bytes(), sum.maxTimestamp(), sum.lastOffset(), nowMs, config)) {
                s = roll(s, nowMs);
                active = s.active();
            }
            active.append(batches);
            state = new State(s.segments, s.logStartOffset, sum.lastOffset() + 1, active.size());
            unflushedRecords += sum.records();
        } catch (IOException e) {
            throw new LogStorageException("cannot append to " + name, e);
        }
    }

    /** Starts a new active segment at the log end; the old one's indexes are trimmed and it is flushed soon. */
    private State roll(State s, long nowMs) throws IOException {
        LogSegment old = s.active();
        LogSegment created = LogSegment.create(dir, s.logEndOffset, config, nowMs);
        old.makeInactive();
        LogSegment[] segs = Arrays.copyOf(s.segments, s.segments.length + 1);
        segs[segs.length - 1] = created;
        State next = new State(segs, s.logStartOffset, s.logEndOffset, 0);
        state = next;
        LOG.info("Partition {}: rolled to new segment {} after segment {} reached {} bytes", name, created.baseOffset,
                old.baseOffset, old.size());
        long upTo = created.baseOffset;
        scheduler.schedule("flush-" + name, 0, () -> flushUpTo(upTo));
        return next;
    }

    // ------------------------------------------------------------------ reads

    /**
     * Whole batches starting with the one that holds {@code startOffset}, within one segment: none
     * whose last offset reaches {@code maxOffsetExclusive} (the high watermark for consumers, the
     * log end for followers), at most {@code maxBytes} unless {@code minOneBatch} and the first
     * batch alone is larger.
     *
     * @throws OffsetOutOfRangeException if {@code startOffset} is outside [log start, log end]
     */
    public LogReadResult read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, got " + maxBytes);
        }
        State s = readableState(startOffset);
        long limit = Math.min(maxOffsetExclusive, s.logEndOffset);
        if (startOffset == s.logEndOffset) {
            LogSegment active = s.active();
            return new LogReadResult(new RecordsSlice.FileRange(active.channel(), s.activeSize, 0),
                    new LogOffsetMetadata(startOffset, active.baseOffset, s.activeSize), startOffset, s.logStartOffset, s.logEndOffset);
        }
        try {
            for (int i = s.floorIndex(startOffset); i < s.segments.length; i++) {
                LogSegment seg = s.segments[i];
                LogSegment.SegmentRead r = seg.read(startOffset, maxBytes, limit, minOneBatch, s.boundOf(i));
                if (r != null) {
                    return new LogReadResult(new RecordsSlice.FileRange(seg.channel(), r.position(), r.size()),
                            new LogOffsetMetadata(startOffset, seg.baseOffset, r.position()), r.nextOffset(),
                            s.logStartOffset, s.logEndOffset);
                }
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot read " + name + " at offset " + startOffset, e);
        }
        throw new LogStorageException("offset " + startOffset + " of " + name + " lies in [" + s.logStartOffset + ", "
                + s.logEndOffset + ") but no segment holds it");
    }

    /** Where {@code offset}'s batch sits (for turning the high watermark into byte positions). */
    public LogOffsetMetadata offsetMetadata(long offset) {
        return read(offset, 0, offset + 1, false).fetchOffsetMetadata();
    }

    public LogOffsetMetadata logEndOffsetMetadata() {
        State s = state;
        return new LogOffsetMetadata(s.logEndOffset, s.active().baseOffset, s.activeSize);
    }

    private State readableState(long offset) {
        State s = state;
        if (closed) {
            throw new LogStorageException("the log of " + name + " is closed");
        }
        if (offset < s.logStartOffset || offset > s.logEndOffset) {
            throw new OffsetOutOfRangeException(name, offset, s.logStartOffset, s.logEndOffset);
        }
        return s;
    }

    /**
     * ListOffsets by time: the first record, at or after the log start, whose timestamp is at
     * least {@code timestamp}; empty if every record is older.
     */
    public Optional<TimestampAndOffset> offsetForTimestamp(long timestamp) {
        State s = state;
        try {
            for (int i = 0; i < s.segments.length; i++) {
                LogSegment seg = s.segments[i];
                if (seg.maxTimestampSoFar().timestamp() < timestamp) {
                    continue;
                }
                TimestampAndOffset found = seg.findOffsetByTimestamp(timestamp, s.logStartOffset, s.boundOf(i));
                if (found != null) {
                    return Optional.of(found);
                }
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot search " + name + " by timestamp", e);
        }
        return Optional.empty();
    }

    /** ListOffsets MAX_TIMESTAMP: the record with the largest timestamp; empty if no record has one. */
    public Optional<TimestampAndOffset> maxTimestampAndOffset() {
        State s = state;
        int best = -1;
        for (int i = 0; i < s.segments.length; i++) {
            if (s.segments[i].maxTimestampSoFar().timestamp() >= 0
                    && (best < 0 || s.segments[i].maxTimestampSoFar().timestamp() > s.segments[best].maxTimestampSoFar().timestamp())) {
                best = i;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(s.segments[best].locateMaxTimestamp(s.boundOf(best)));
        } catch (IOException e) {
            throw new LogStorageException("cannot find the max timestamp of " + name, e);
        }
    }

    /**
     * Visits the header of every batch from the one holding {@code fromOffset} (clamped up to the
     * log start) to the log end as of the call, in order, until the visitor returns false.
     */
    public void scanBatches(long fromOffset, BatchVisitor visitor) {
        State s = state;
        if (fromOffset > s.logEndOffset) {
            throw new OffsetOutOfRangeException(name, fromOffset, s.logStartOffset, s.logEndOffset);
        }
        long from = Math.max(fromOffset, s.logStartOffset);
        try {
            for (int i = s.floorIndex(from); i < s.segments.length; i++) {
                if (!s.segments[i].scan(from, s.boundOf(i), visitor)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot scan " + name, e);
        }
    }

    public long logStartOffset() {
        return state.logStartOffset;
    }

    public long logEndOffset() {
        return state.logEndOffset;
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
        lock.lock();
        try {
            ensureOpen();
            State s = state;
            if (offset >= s.logEndOffset) {
                return s.logEndOffset;
            }
            if (offset < s.logStartOffset) {
                truncateFullyAndStartAt(offset);
                return offset;
            }
            truncations++;
            int keep = s.floorIndex(offset);
            List<LogSegment> gone = new ArrayList<>(Arrays.asList(s.segments).subList(keep + 1, s.segments.length));
            LogSegment target = s.segments[keep];
            long removedBytes = 0;
            for (LogSegment g : gone) {
                removedBytes += g.size();
            }
            LogSegment[] segs = Arrays.copyOf(s.segments, keep + 1);
            if (!gone.isEmpty()) {
                target.makeActive(config);
            }
            removedBytes += target.truncateTo(offset, time.milliseconds());
            long newEnd = target.nextOffset();
            state = new State(segs, s.logStartOffset, newEnd, target.size());
            retirer.retire(gone, config.fileDeleteDelayMs());
            epochs.truncateFromEnd(newEnd);
            snapshots.deleteAbove(newEnd);
            if (recoveryPoint > newEnd) {
                // New batches below the old recovery point would otherwise be trusted unflushed after a crash.
                recoveryPoint = newEnd;
                LogFiles.writeOffsetFile(dir.resolve(LogFiles.RECOVERY_POINT), recoveryPoint);
            }
            LOG.info("Partition {}: truncated to offset {} (log end was {}), {} bytes and {} segment(s) removed",
                    name, newEnd, s.logEndOffset, removedBytes, gone.size());
            return newEnd;
        } catch (IOException e) {
            throw new LogStorageException("cannot truncate " + name + " to " + offset, e);
        } finally {
            lock.unlock();
        }
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
        lock.lock();
        try {
            ensureOpen();
            truncations++;
            State s = state;
            // Written first: if we crash after retiring every segment, the loader restarts the log here.
            recoveryPoint = offset;
            LogFiles.writeOffsetFile(dir.resolve(LogFiles.RECOVERY_POINT), offset);
            List<LogSegment> gone = Arrays.asList(s.segments);
            retirer.renameAll(gone);
            LogSegment created = LogSegment.create(dir, offset, config, time.milliseconds());
            state = new State(new LogSegment[] {created}, offset, offset, 0);
            retirer.scheduleDelete(gone, config.fileDeleteDelayMs());
            epochs.clear();
            snapshots.deleteAbove(-1L);
            LOG.info("Partition {}: emptied the log (was [{}, {})) and restarted it at offset {}", name,
                    s.logStartOffset, s.logEndOffset, offset);
        } catch (IOException e) {
            throw new LogStorageException("cannot restart " + name + " at " + offset, e);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ retention

    /** Applies retention with every batch counted as replicated (a single-replica log). */
    public int applyRetention(long nowMs) {
        return applyRetention(nowMs, Long.MAX_VALUE);
    }

    /**
     * Deletes the oldest segments that {@code retention.ms} or {@code retention.bytes} condemn
     * (see {@link RetentionPlanner}), never past {@code highWatermark}, advancing the log start.
     * Returns how many segments went.
     */
    public int applyRetention(long nowMs, long highWatermark) {
        lock.lock();
        try {
            ensureOpen();
            LogConfig cfg = config;
            State s = state;
            List<RetentionPlanner.Candidate> candidates = new ArrayList<>(s.segments.length);
            for (int i = 0; i < s.segments.length; i++) {
                LogSegment seg = s.segments[i];
                boolean last = i == s.segments.length - 1;
                long upper = last ? s.logEndOffset : s.segments[i + 1].baseOffset;
                candidates.add(new RetentionPlanner.Candidate(seg.baseOffset, s.boundOf(i), seg.largestTimestamp(), upper,
                        last && s.activeSize == 0));
            }
            RetentionPlanner.Plan plan = RetentionPlanner.plan(candidates, nowMs, cfg.retentionMs(), cfg.retentionBytes(),
                    Math.min(highWatermark, s.logEndOffset));
            if (plan.count() == 0) {
                return 0;
            }
            if (plan.count() == s.segments.length) {
                s = roll(s, time.milliseconds());
            }
            List<LogSegment> gone = new ArrayList<>(Arrays.asList(s.segments).subList(0, plan.count()));
            LogSegment[] segs = Arrays.copyOfRange(s.segments, plan.count(), s.segments.length);
            long newStart = segs[0].baseOffset;
            long bytes = 0;
            for (LogSegment g : gone) {
                bytes += g.size();
            }
            state = new State(segs, newStart, s.logEndOffset, s.activeSize);
            retirer.retire(gone, cfg.fileDeleteDelayMs());
            epochs.truncateFromStart(newStart);
            snapshots.deleteBelow(newStart);
            recoveryPoint = Math.max(recoveryPoint, newStart);
            LOG.info("Partition {}: deleted {} segment(s) ({} bytes) below offset {} by {}; log start offset is now {}",
                    name, gone.size(), bytes, newStart, plan.reason(), newStart);
            return gone.size();
        } catch (IOException e) {
            throw new LogStorageException("cannot apply retention to " + name, e);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ producer snapshots

    /** Stores producer state as of {@code offset} (batches below it applied); atomic. */
    public void writeProducerSnapshot(long offset, ByteBuffer bytes) {
        State s = state;
        if (offset < s.logStartOffset || offset > s.logEndOffset) {
            throw new IllegalArgumentException("snapshot offset " + offset + " of " + name + " is outside ["
                    + s.logStartOffset + ", " + s.logEndOffset + "]");
        }
        try {
            snapshots.write(offset, bytes);
        } catch (IOException e) {
            throw new LogStorageException("cannot write producer snapshot " + offset + " of " + name, e);
        }
    }

    /** The newest intact snapshot at or below the log end. */
    public Optional<ProducerSnapshot> latestProducerSnapshot() {
        try {
            Optional<ProducerSnapshot> latest = snapshots.latest();
            return latest.filter(p -> p.offset() <= state.logEndOffset);
        } catch (IOException e) {
            throw new LogStorageException("cannot read producer snapshots of " + name, e);
        }
    }

    public List<Long> producerSnapshotOffsets() {
        try {
            return snapshots.offsets();
        } catch (IOException e) {
            throw new LogStorageException("cannot list producer snapshots of " + name, e);
        }
    }

    // ------------------------------------------------------------------ durability

    /** Forces everything up to the log end to disk and moves the recovery point there. */
    public void flush() {
        flushUpTo(state.logEndOffset);
    }

    /** Flushes when unflushed data is older than {@code flush.ms}; the broker calls this periodically. */
    public void flushIfDue(long nowMs) {
        if (nowMs - lastFlushMs >= config.flushMs() && state.logEndOffset > recoveryPointQuietly()) {
            flush();
        }
    }

    private long recoveryPointQuietly() {
        lock.lock();
        try {
            return recoveryPoint;
        } finally {
            lock.unlock();
        }
    }

    /** Fsyncs segments holding offsets below {@code offset}, then records it as the recovery point. */
    void flushUpTo(long offset) {
        flushLock.lock();
        try {
            long generation;
            long from;
            State s;
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                generation = truncations;
                from = recoveryPoint;
                s = state;
            } finally {
                lock.unlock();
            }
            long target = Math.min(offset, s.logEndOffset);
            if (target <= from) {
                return;
            }
            for (int i = 0; i < s.segments.length; i++) {
                boolean last = i == s.segments.length - 1;
                long upper = last ? s.logEndOffset : s.segments[i + 1].baseOffset;
                if (s.segments[i].baseOffset < target && upper > from) {
                    s.segments[i].flush();
                }
            }
            lock.lock();
            try {
                if (!closed && generation == truncations && target > recoveryPoint) {
                    recoveryPoint = target;
                    LogFiles.writeOffsetFile(dir.resolve(LogFiles.RECOVERY_POINT), target);
                    unflushedRecords = 0;
                    lastFlushMs = time.milliseconds();
                }
            } finally {
                lock.unlock();
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot flush " + name, e);
        } finally {
            flushLock.unlock();
        }
    }

    /** The offset below which every batch is known to be on disk. */
    public long recoveryPoint() {
        return recoveryPointQuietly();
    }

    /**
     * Flushes, writes the checkpoints, trims the indexes, closes every file and finally writes
     * the clean-shutdown marker, so the next open can trust all of it.
     */
    @Override
    public void close() {
        flushLock.lock();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            State s = state;
            for (LogSegment seg : s.segments) {
                seg.flush();
            }
            recoveryPoint = s.logEndOffset;
            LogFiles.writeOffsetFile(dir.resolve(LogFiles.RECOVERY_POINT), recoveryPoint);
            epochs.flush();
            for (LogSegment seg : s.segments) {
                seg.close();
            }
            retirer.deleteAllNow();
            closed = true;
            LogFiles.writeOffsetFile(dir.resolve(LogFiles.CLEAN_SHUTDOWN), s.logEndOffset);
            LOG.info("Partition {}: closed cleanly at log end offset {}", name, s.logEndOffset);
        } catch (IOException e) {
            closed = true;
            throw new LogStorageException("cannot close " + name + " cleanly; the next open will recover it", e);
        } finally {
            lock.unlock();
            flushLock.unlock();
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
        return state.segments.length;
    }

    /** Bytes of batches in all live segments. */
    public long sizeInBytes() {
        State s = state;
        long total = 0;
        for (int i = 0; i < s.segments.length; i++) {
            total += s.boundOf(i);
        }
        return total;
    }

    public List<SegmentInfo> segments() {
        State s = state;
        List<SegmentInfo> out = new ArrayList<>(s.segments.length);
        for (int i = 0; i < s.segments.length; i++) {
            LogSegment seg = s.segments[i];
            boolean last = i == s.segments.length - 1;
            out.add(new SegmentInfo(seg.baseOffset, s.boundOf(i), seg.largestTimestamp(), last));
        }
        return out;
    }

    @Override
    public String toString() {
        State s = state;
        return "PartitionLog(" + name + ", [" + s.logStartOffset + ", " + s.logEndOffset + "), " + s.segments.length + " segments)";
    }
}

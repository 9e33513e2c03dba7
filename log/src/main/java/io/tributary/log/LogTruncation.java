package io.tributary.log;

import io.tributary.common.Time;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file work of cutting a {@link PartitionLog} at either end: removing every batch from an
 * offset on (a follower whose log diverged from the leader's), emptying it to restart at an offset
 * (a follower whose leader no longer has what it would fetch), dropping its oldest segments
 * (retention), or moving its start up (DeleteRecords). The caller holds the log's lock. Each
 * step publishes the new {@link LogState} as soon as the files are cut, before the leader-epoch
 * cache, producer snapshots and recovery point follow the new log end, so a reader asking the
 * epoch cache for an end offset already sees the new log end.
 */
final class LogTruncation {

    private static final Logger LOG = LoggerFactory.getLogger(LogTruncation.class);

    private final Path dir;
    private final String name;
    private final Time time;
    private final Supplier<LogConfig> config;
    private final LeaderEpochCache epochs;
    private final ProducerSnapshots snapshots;
    private final SegmentRetirer retirer;
    private final RecoveryPoint recoveryPoint;
    private final Consumer<LogState> publish;

    LogTruncation(Path dir, String name, Time time, Supplier<LogConfig> config, LeaderEpochCache epochs,
                  ProducerSnapshots snapshots, SegmentRetirer retirer, RecoveryPoint recoveryPoint,
                  Consumer<LogState> publish) {
        this.dir = dir;
        this.name = name;
        this.time = time;
        this.config = config;
        this.epochs = epochs;
        this.snapshots = snapshots;
        this.retirer = retirer;
        this.recoveryPoint = recoveryPoint;
        this.publish = publish;
    }

    /**
     * Removes every batch of {@code s} at or after {@code offset} (the whole batch holding it, if it
     * falls inside one), where {@code offset} lies in [log start, log end). Returns the new log end.
     */
    long truncateTo(LogState s, long offset) throws IOException {
        int keep = s.floorIndex(offset);
        List<LogSegment> gone = new ArrayList<>(Arrays.asList(s.segments()).subList(keep + 1, s.segments().length));
        LogSegment target = s.segments()[keep];
        long removedBytes = 0;
        for (LogSegment g : gone) {
            removedBytes += g.size();
        }
        LogConfig cfg = config.get();
        LogSegment[] segs = Arrays.copyOf(s.segments(), keep + 1);
        if (!gone.isEmpty()) {
            target.makeActive(cfg);
        }
        removedBytes += target.truncateTo(offset, time.milliseconds());
        long newEnd = target.nextOffset();
        // The cut takes the whole batch holding the offset, which may begin below a log start that
        // DeleteRecords put inside it: the start comes down to the new end, durably, as Kafka's does.
        long newStart = Math.min(s.logStartOffset(), newEnd);
        if (newStart < s.logStartOffset()) {
            LogFiles.writeOffsetFile(dir.resolve(LogFiles.LOG_START_OFFSET), newStart);
        }
        publish.accept(new LogState(segs, newStart, newEnd, target.size()));
        retirer.retire(gone, cfg.fileDeleteDelayMs());
        epochs.truncateFromEnd(newEnd);
        snapshots.deleteAbove(newEnd);
        recoveryPoint.truncatedTo(newEnd);
        // DEBUG: the caller (a follower truncating to its leader) logs the one line an operator needs,
        // with the record count and the epochs; the bytes and segments are detail.
        LOG.debug("Partition {}: truncated to offset {} (log end was {}), {} bytes and {} segment(s) removed",
                name, newEnd, s.logEndOffset(), removedBytes, gone.size());
        return newEnd;
    }

    /**
     * Empties the log of {@code s} and restarts it at {@code offset} (log start = log end = offset).
     * The leader-epoch cache and producer snapshots are cleared.
     */
    void restartAt(LogState s, long offset) throws IOException {
        LogConfig cfg = config.get();
        // Written first: if we crash after retiring every segment, the loader restarts the log here.
        recoveryPoint.restartedAt(offset);
        // A restart may go below a log start that DeleteRecords persisted; the file must not outlive it.
        LogFiles.writeOffsetFile(dir.resolve(LogFiles.LOG_START_OFFSET), offset);
        List<LogSegment> gone = Arrays.asList(s.segments());
        retirer.renameAll(gone);
        LogSegment created = LogSegment.create(dir, offset, cfg, time.milliseconds());
        publish.accept(new LogState(new LogSegment[] {created}, offset, offset, 0));
        retirer.scheduleDelete(gone, cfg.fileDeleteDelayMs());
        epochs.clear();
        snapshots.deleteAbove(-1L);
        LOG.info("Partition {}: emptied the log (was [{}, {})) and restarted it at offset {}", name,
                s.logStartOffset(), s.logEndOffset(), offset);
    }

    /**
     * Moves the log start of {@code s} up to {@code newStart}, in [log start, log end] (DeleteRecords,
     * or a follower following its leader's log start). The new start is made durable in the
     * {@code log-start-offset} file before readers see it, so a restart never exposes records an
     * operator deleted; then every segment wholly below it goes. The segment holding it stays: its
     * records below the start are no longer readable, and go with the segment later.
     */
    void advanceStart(LogState s, long newStart, String reason) throws IOException {
        LogFiles.writeOffsetFile(dir.resolve(LogFiles.LOG_START_OFFSET), newStart);
        int keepFrom = s.floorIndex(newStart);
        List<LogSegment> gone = new ArrayList<>(Arrays.asList(s.segments()).subList(0, keepFrom));
        LogSegment[] segs = Arrays.copyOfRange(s.segments(), keepFrom, s.segments().length);
        long bytes = 0;
        for (LogSegment g : gone) {
            bytes += g.size();
        }
        publish.accept(new LogState(segs, newStart, s.logEndOffset(), s.activeSize()));
        retirer.retire(gone, config.get().fileDeleteDelayMs());
        // The epochs keep covering every batch in the live segments, those below the start included:
        // crash recovery checks each batch it re-reads against them.
        epochs.truncateFromStart(segs[0].baseOffset);
        snapshots.deleteBelow(segs[0].baseOffset);
        recoveryPoint.logStartAdvanced(segs[0].baseOffset);
        LOG.info("Partition {}: log start offset {} -> {} by {}; deleted {} segment(s) ({} bytes) wholly below it",
                name, s.logStartOffset(), newStart, reason, gone.size(), bytes);
    }

    /**
     * Deletes the segments an append's roll left wholly below the log start. They arise when the log
     * start reached the log end (DeleteRecords to the end, or a truncation to the log start) with
     * records still in the active segment: the next roll would otherwise strand that segment, unreadable
     * yet on disk, until retention happened to condemn it.
     */
    void dropSegmentsBelowStart(LogState s) {
        if (s.segments().length > 1 && s.segments()[1].baseOffset <= s.logStartOffset()) {
            try {
                advanceStart(s, s.logStartOffset(), "a roll that left segments wholly below it");
            } catch (IOException e) {
                throw new LogStorageException("cannot delete the segments of " + name + " below its log start", e);
            }
        }
    }

    /**
     * Drops the {@code count} oldest segments of {@code s} (fewer than all: the caller rolls first
     * when retention condemns every segment), advancing the log start to the first kept segment.
     * Returns how many segments went.
     */
    int dropOldest(LogState s, int count, String reason) throws IOException {
        // DeleteRecords may already have moved the log start inside the first segment; never back.
        advanceStart(s, Math.max(s.logStartOffset(), s.segments()[count].baseOffset), reason);
        return count;
    }
}

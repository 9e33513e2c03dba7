package io.tributary.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For each leader epoch, the first offset written in it: what a follower needs to find where its
 * log diverged from a new leader's (OffsetForLeaderEpoch), and what ListOffsets reports as the
 * epoch of an offset. Persisted in {@code leader-epoch-checkpoint} on every change (changes are
 * rare: one per leader election seen by this replica), before the batches of a new epoch are
 * written.
 *
 * <p>Durability: a truncation or a cleared cache is written with fsyncs at once, since recovery
 * must not learn back an epoch the log dropped. A new epoch ({@link #assign}) is written without
 * them: it is on the failover path (a new leader's election, a follower's first batch of the new
 * term), where two fsyncs per partition cost 50 to 100 ms each on a loaded disk. That is safe
 * because recovery learns an epoch newer than the checkpoint's from the batches it re-reads above
 * the recovery point ({@link LogLoader}), and {@link #syncBeforeRecoveryPoint} makes the entries
 * durable before a flush moves the recovery point over batches of that epoch.
 *
 * <p>Entries are strictly increasing in epoch and non-decreasing in start offset. Legal changes:
 * {@link #assign} appends a newer epoch (or, as Kafka does, replaces entries it contradicts),
 * {@link #truncateFromEnd} drops epochs that start at or after a truncation point,
 * {@link #truncateFromStart} drops epochs wholly below the log start, and {@link #clear} empties it.
 *
 * <p>Thread-safe: readers see an immutable snapshot; changes are serialised.
 */
public final class LeaderEpochCache {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderEpochCache.class);

    private final String partition;
    private final Path checkpoint;
    private final LongSupplier logEndOffset;
    private volatile List<EpochEntry> entries;
    private boolean lazilyWritten; // guarded by this: the file holds entries not yet fsynced

    LeaderEpochCache(String partition, Path checkpoint, LongSupplier logEndOffset, List<EpochEntry> initial) {
        this.partition = partition;
        this.checkpoint = checkpoint;
        this.logEndOffset = logEndOffset;
        this.entries = List.copyOf(initial);
    }

    /** All entries, oldest first. */
    public List<EpochEntry> entries() {
        return entries;
    }

    /** The newest epoch, or -1 if the cache is empty. */
    public int latestEpoch() {
        List<EpochEntry> e = entries;
        return e.isEmpty() ? EpochEndOffset.UNDEFINED_EPOCH : e.get(e.size() - 1).epoch();
    }

    /** The epoch the batch holding {@code offset} was written in, or -1 if the cache does not cover it. */
    public int epochForOffset(long offset) {
        List<EpochEntry> e = entries;
        int result = EpochEndOffset.UNDEFINED_EPOCH;
        for (EpochEntry entry : e) {
            if (entry.startOffset() > offset) {
                break;
            }
            result = entry.epoch();
        }
        return result;
    }

    /**
     * OffsetForLeaderEpoch: for the newest epoch, the log end; for an older epoch, the start of the
     * next epoch this log knows, paired with the largest known epoch at most the requested one;
     * undefined for an epoch newer than any known or for -1.
     */
    public EpochEndOffset endOffsetFor(int requestedEpoch) {
        List<EpochEntry> e = entries;
        if (requestedEpoch == EpochEndOffset.UNDEFINED_EPOCH || e.isEmpty()) {
            return EpochEndOffset.UNDEFINED;
        }
        EpochEntry latest = e.get(e.size() - 1);
        if (requestedEpoch == latest.epoch()) {
            return new EpochEndOffset(requestedEpoch, logEndOffset.getAsLong());
        }
        EpochEntry floor = null;
        EpochEntry higher = null;
        for (EpochEntry entry : e) {
            if (entry.epoch() <= requestedEpoch) {
                floor = entry;
            } else {
                higher = entry;
                break;
            }
        }
        if (higher == null) {
            return EpochEndOffset.UNDEFINED;
        }
        return new EpochEndOffset(floor == null ? requestedEpoch : floor.epoch(), higher.startOffset());
    }

    /**
     * Records that {@code epoch} starts at {@code startOffset}. A no-op when it repeats the newest
     * entry; entries it contradicts (epoch at least as new, or starting at or after it) are removed
     * with a warning. Returns whether the cache changed (and was checkpointed).
     */
    public synchronized boolean assign(int epoch, long startOffset) {
        EpochEntry entry = new EpochEntry(epoch, startOffset);
        List<EpochEntry> current = entries;
        if (!current.isEmpty()) {
            EpochEntry latest = current.get(current.size() - 1);
            if (latest.epoch() == epoch && startOffset >= latest.startOffset()) {
                return false;
            }
        }
        List<EpochEntry> next = new ArrayList<>(current.size() + 1);
        List<EpochEntry> removed = new ArrayList<>();
        for (EpochEntry e : current) {
            if (e.epoch() >= epoch || e.startOffset() >= startOffset) {
                removed.add(e);
            } else {
                next.add(e);
            }
        }
        next.add(entry);
        if (!removed.isEmpty()) {
            LOG.warn("Partition {}: leader epoch {} at offset {} replaces conflicting entries {}", partition, epoch, startOffset, removed);
        }
        // Should the file keep the entries removed here (the lazy write lost to an OS crash), recovery
        // still learns this epoch from its batches when every removed entry is an older epoch that
        // starts where this one does (it held no batch); otherwise it would cut them, so that case is
        // written durably.
        boolean lazy = removed.stream().allMatch(e -> e.startOffset() == startOffset && e.epoch() < epoch);
        publish(next, !lazy);
        return true;
    }

    /** Drops every epoch that starts at or after {@code endOffset}: the log was truncated there. */
    public synchronized void truncateFromEnd(long endOffset) {
        List<EpochEntry> current = entries;
        if (current.isEmpty() || current.get(current.size() - 1).startOffset() < endOffset) {
            return;
        }
        List<EpochEntry> next = new ArrayList<>();
        for (EpochEntry e : current) {
            if (e.startOffset() < endOffset) {
                next.add(e);
            }
        }
        publish(next);
    }

    /**
     * The log now starts at {@code startOffset}: epochs that ended before it go, and the epoch in
     * force there is moved to start at it.
     */
    public synchronized void truncateFromStart(long startOffset) {
        List<EpochEntry> current = entries;
        int lastAtOrBelow = -1;
        for (int i = 0; i < current.size(); i++) {
            if (current.get(i).startOffset() <= startOffset) {
                lastAtOrBelow = i;
            }
        }
        if (lastAtOrBelow < 0 || (lastAtOrBelow == 0 && current.get(0).startOffset() == startOffset)) {
            return;
        }
        List<EpochEntry> next = new ArrayList<>();
        next.add(new EpochEntry(current.get(lastAtOrBelow).epoch(), startOffset));
        next.addAll(current.subList(lastAtOrBelow + 1, current.size()));
        publish(next);
    }

    /** Forgets every epoch (the log was emptied). */
    public synchronized void clear() {
        if (!entries.isEmpty()) {
            publish(List.of());
        }
    }

    /** Writes the current entries to the checkpoint durably, as close does. */
    synchronized void flush() {
        write(entries, true);
        lazilyWritten = false;
    }

    /**
     * Makes the entries durable if a new epoch was written without fsyncs since the last durable
     * write: a flush calls this after fsyncing the segments and before it moves the recovery point,
     * since recovery trusts the checkpoint for every batch below that point.
     */
    synchronized void syncBeforeRecoveryPoint() {
        if (lazilyWritten) {
            flush();
        }
    }

    private void publish(List<EpochEntry> next) {
        publish(next, true);
    }

    private void publish(List<EpochEntry> next, boolean durable) {
        for (int i = 1; i < next.size(); i++) {
            if (next.get(i).epoch() <= next.get(i - 1).epoch() || next.get(i).startOffset() < next.get(i - 1).startOffset()) {
                throw new IllegalStateException("leader epoch cache of " + partition + " would be out of order: " + next);
            }
        }
        List<EpochEntry> frozen = Collections.unmodifiableList(next);
        write(frozen, durable);
        lazilyWritten = !durable;
        entries = frozen;
    }

    private void write(List<EpochEntry> list, boolean durable) {
        if (checkpoint == null) {
            return;
        }
        try {
            LeaderEpochCheckpointFile.write(checkpoint, list, durable);
        } catch (IOException e) {
            throw new LogStorageException("cannot write " + checkpoint + " for " + partition, e);
        }
    }

    @Override
    public String toString() {
        return "LeaderEpochCache(" + partition + ", " + entries + ")";
    }
}

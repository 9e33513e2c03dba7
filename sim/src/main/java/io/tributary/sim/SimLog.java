package io.tributary.sim;

import io.tributary.replication.partition.EpochEndOffset;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One replica's partition log in memory, with the contract of {@code log/PartitionLog} that
 * replication relies on: append as leader (stamping offsets and the leader epoch), append as
 * follower (keeping the leader's offsets and epochs), a leader-epoch cache, truncation, the log
 * end, and reads up to a bound.
 *
 * <p>The disk can lie. Batches up to {@link #flush()} are durable; the rest is an unflushed tail
 * that a {@link #crash} keeps only in part, as a power loss would. The leader-epoch checkpoint is
 * written on every change, as {@code LeaderEpochCache} does, so it survives whole; recovery (as
 * {@code LogLoader} does) drops epochs past the surviving log end and re-reads the epochs of the
 * surviving unflushed batches. Truncation is treated as durable at once (it shortens files, and a
 * crash cannot bring truncated batches back).
 *
 * <p>(A first version let a crash keep an older flushed copy of the checkpoint, and re-assigned
 * every recovered batch's epoch: harsher than the real log, and an {@code assign} of an older
 * epoch behind a newer entry wiped that older epoch's true start, leaving a cache that contradicts
 * the batches, which made a follower loop on the same diverging answer forever.)
 *
 * <p>Batches are contiguous from offset 0 (no retention in the simulation).
 */
final class SimLog {

    /** An entry of the leader-epoch cache: {@code epoch} starts at {@code startOffset}. */
    record EpochEntry(int epoch, long startOffset) {
    }

    private final ArrayList<Batch> batches = new ArrayList<>();
    private final ArrayList<EpochEntry> epochs = new ArrayList<>();
    private int flushedBatches;
    /** Maintained for the checker: below this offset the batches were compared with the committed history. */
    long checkedUpToOffset;

    long logEndOffset() {
        return batches.isEmpty() ? 0L : batches.get(batches.size() - 1).nextOffset();
    }

    /** The durable prefix ends here. */
    long flushedOffset() {
        return flushedBatches == 0 ? 0L : batches.get(flushedBatches - 1).nextOffset();
    }

    int batchCount() {
        return batches.size();
    }

    Batch batch(int index) {
        return batches.get(index);
    }

    List<EpochEntry> epochEntries() {
        return List.copyOf(epochs);
    }

    /** The newest epoch in the cache, or -1. */
    int latestEpoch() {
        return epochs.isEmpty() ? -1 : epochs.get(epochs.size() - 1).epoch();
    }

    /** The epoch of the last batch, or -1 for an empty log. */
    int lastBatchEpoch() {
        return batches.isEmpty() ? -1 : batches.get(batches.size() - 1).epoch();
    }

    /** Appends as leader: offsets from the log end, stamped with {@code leaderEpoch}. */
    Batch appendAsLeader(int count, long producerId, short producerEpoch, int baseSequence, long payloadId, int leaderEpoch) {
        Batch b = new Batch(logEndOffset(), count, leaderEpoch, producerId, producerEpoch, baseSequence, payloadId);
        assignEpoch(leaderEpoch, b.baseOffset());
        batches.add(b);
        return b;
    }

    /** Appends the leader's batches as they are; they must continue the log. */
    void appendAsFollower(List<Batch> fetched) {
        for (Batch b : fetched) {
            if (b.baseOffset() != logEndOffset()) {
                throw new IllegalStateException("follower append at " + b.baseOffset() + " does not continue log end " + logEndOffset());
            }
            assignEpoch(b.epoch(), b.baseOffset());
            batches.add(b);
        }
    }

    /**
     * Records that {@code epoch} starts at {@code startOffset}, as {@code LeaderEpochCache.assign}:
     * a no-op when it repeats the newest entry, and entries it contradicts are dropped.
     */
    void assignEpoch(int epoch, long startOffset) {
        if (!epochs.isEmpty()) {
            EpochEntry latest = epochs.get(epochs.size() - 1);
            if (latest.epoch() == epoch && startOffset >= latest.startOffset()) {
                return;
            }
        }
        epochs.removeIf(e -> e.epoch() >= epoch || e.startOffset() >= startOffset);
        epochs.add(new EpochEntry(epoch, startOffset));
    }

    /**
     * OffsetForLeaderEpoch as the leader answers it ({@code LeaderEpochCache.endOffsetFor}): for the
     * newest epoch the log end; for an older one the start of the next known epoch, paired with the
     * largest known epoch at or below the one asked (or the asked epoch itself when none is that
     * old); empty (UNDEFINED) for an epoch newer than the newest.
     */
    Optional<EpochEndOffset> endOffsetFor(int requestedEpoch) {
        if (requestedEpoch < 0 || epochs.isEmpty()) {
            return Optional.empty();
        }
        EpochEntry latest = epochs.get(epochs.size() - 1);
        if (requestedEpoch == latest.epoch()) {
            return Optional.of(new EpochEndOffset(requestedEpoch, logEndOffset()));
        }
        EpochEntry floor = null;
        for (EpochEntry e : epochs) {
            if (e.epoch() <= requestedEpoch) {
                floor = e;
            } else {
                return Optional.of(new EpochEndOffset(floor == null ? requestedEpoch : floor.epoch(), e.startOffset()));
            }
        }
        return Optional.empty();
    }

    /**
     * The follower's lookup, with the contract of {@code FollowerState.LocalEpochs}: the largest
     * local epoch at or below {@code epoch} and where it ends; when every local epoch is newer,
     * {@code (epoch, start of the oldest)}; empty only without epochs.
     */
    Optional<EpochEndOffset> localEpochAtOrBelow(int epoch) {
        if (!epochs.isEmpty() && epochs.get(0).epoch() > epoch) {
            return Optional.of(new EpochEndOffset(epoch, epochs.get(0).startOffset()));
        }
        for (int i = epochs.size() - 1; i >= 0; i--) {
            EpochEntry e = epochs.get(i);
            if (e.epoch() <= epoch) {
                long end = i == epochs.size() - 1 ? logEndOffset() : epochs.get(i + 1).startOffset();
                return Optional.of(new EpochEndOffset(e.epoch(), Math.max(end, e.startOffset())));
            }
        }
        return Optional.empty();
    }

    /** Removes every batch holding an offset at or after {@code offset}; returns the new log end. */
    long truncateTo(long offset) {
        if (offset >= logEndOffset()) {
            // Nothing to cut, but, as Kafka's UnifiedLog.truncateTo does, the epoch cache still drops
            // entries at the log end: a replica that led an epoch without writing in it keeps that
            // epoch's start there, which would contradict the next leader's batches. (Tributary's
            // PartitionLog.truncateTo returns early here: see docs/design/simulation.md, "Findings".)
            long end = logEndOffset();
            dropEpochsFrom(epochs, end);
            return end;
        }
        while (!batches.isEmpty() && batches.get(batches.size() - 1).lastOffset() >= offset) {
            batches.remove(batches.size() - 1);
        }
        flushedBatches = Math.min(flushedBatches, batches.size());
        long end = logEndOffset();
        dropEpochsFrom(epochs, end);
        checkedUpToOffset = Math.min(checkedUpToOffset, end);
        return end;
    }

    /** Makes every batch written so far durable. */
    void flush() {
        flushedBatches = batches.size();
    }

    /**
     * A power loss: keeps the durable prefix and a random part of the unflushed tail, then recovers
     * the epoch cache. Returns how many batches were lost.
     */
    int crash(RandomGenerator random) {
        int unflushed = batches.size() - flushedBatches;
        int keep = flushedBatches + (unflushed == 0 ? 0 : random.nextInt(unflushed + 1));
        int lost = batches.size() - keep;
        while (batches.size() > keep) {
            batches.remove(batches.size() - 1);
        }
        long end = logEndOffset();
        dropEpochsFrom(epochs, end);
        // Recovery re-reads the batches above the recovery point and learns their epochs, only those
        // newer than the cache's newest (as Kafka's LogSegment.recover does): assigning an older epoch
        // behind a newer entry would wipe that older epoch's true start.
        for (int i = flushedBatches; i < batches.size(); i++) {
            if (batches.get(i).epoch() > latestEpoch()) {
                assignEpoch(batches.get(i).epoch(), batches.get(i).baseOffset());
            }
        }
        flushedBatches = batches.size();
        checkedUpToOffset = Math.min(checkedUpToOffset, end);
        return lost;
    }

    /** The batches at or after {@code fromOffset} that end below {@code maxOffsetExclusive}, at most {@code maxBatches}. */
    List<Batch> read(long fromOffset, long maxOffsetExclusive, int maxBatches) {
        int i = indexHolding(fromOffset);
        if (i < 0) {
            return List.of();
        }
        List<Batch> out = new ArrayList<>(Math.min(maxBatches, 8));
        for (; i < batches.size() && out.size() < maxBatches; i++) {
            Batch b = batches.get(i);
            if (b.nextOffset() > maxOffsetExclusive) {
                break;
            }
            out.add(b);
        }
        return out;
    }

    /** The batch holding {@code offset}, or null. */
    Batch batchAt(long offset) {
        int i = indexHolding(offset);
        return i < 0 ? null : batches.get(i);
    }

    /** Index of the batch holding {@code offset}, or -1 past the end. */
    int indexHolding(long offset) {
        int lo = 0;
        int hi = batches.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Batch b = batches.get(mid);
            if (b.lastOffset() < offset) {
                lo = mid + 1;
            } else if (b.baseOffset() > offset) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private static void dropEpochsFrom(List<EpochEntry> entries, long endOffset) {
        // As LeaderEpochCache.truncateFromEnd: epochs starting at or after the new end are gone.
        entries.removeIf(e -> e.startOffset() >= endOffset);
    }

    /** Whether the epoch cache names each batch's own epoch (as recovery would rebuild it). Null when it does. */
    String epochCacheMismatch() {
        for (Batch b : batches) {
            int cached = -1;
            for (EpochEntry e : epochs) {
                if (e.startOffset() <= b.baseOffset()) {
                    cached = e.epoch();
                }
            }
            if (cached != b.epoch()) {
                return "batch " + b + " but the cache says epoch " + cached + " in " + epochs;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "log[0, " + logEndOffset() + ") flushed " + flushedOffset() + " epochs " + epochs;
    }
}

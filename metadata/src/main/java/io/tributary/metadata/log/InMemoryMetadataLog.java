package io.tributary.metadata.log;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.MetadataBatchCodec;
import io.tributary.metadata.record.MetadataRecord;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * A metadata log in memory, for tests and the deterministic simulation. Nothing happens on its
 * own: the caller decides when this node leads ({@link #becomeLeader}, {@link #resign}), when
 * appended batches commit ({@link #commitNext}, {@link #commitAll}, or {@code autoCommit}), and
 * when appends fail ({@link #failUncommitted}). Every appended batch goes through
 * {@link MetadataBatchCodec} and back, so whatever commits here is known to be encodable.
 *
 * <p>Bounded: at most {@code maxUncommittedBatches} batches wait for commit; more is refused.
 * Not thread-safe: one thread drives it, as one thread drives the pure controller.
 *
 * <p>Offsets are consecutive batch numbers from 0. A snapshot ({@link #takeSnapshot}) drops the
 * committed batches it covers; listeners registered later start from it.
 */
public final class InMemoryMetadataLog implements MetadataLog {

    private record Batch(long offset, List<MetadataRecord> records) {
    }

    private record Pending(long offset, long epoch, List<MetadataRecord> records, CompletableFuture<Long> future) {
    }

    private final int maxUncommittedBatches;
    private final List<Listener> listeners = new ArrayList<>();
    private final List<Batch> committed = new ArrayList<>();
    private final Deque<Pending> uncommitted = new ArrayDeque<>();
    private MetadataImage snapshot;
    private long nextOffset;
    private long epoch;
    private boolean leader;
    private boolean autoCommit;

    public InMemoryMetadataLog() {
        this(10_000);
    }

    public InMemoryMetadataLog(int maxUncommittedBatches) {
        if (maxUncommittedBatches < 1) {
            throw new IllegalArgumentException("maxUncommittedBatches must be >= 1, got " + maxUncommittedBatches);
        }
        this.maxUncommittedBatches = maxUncommittedBatches;
    }

    /** When on, every append commits at once, before {@code append} returns. */
    public InMemoryMetadataLog autoCommit(boolean on) {
        this.autoCommit = on;
        return this;
    }

    @Override
    public void register(Listener listener) {
        listeners.add(listener);
        if (snapshot != null) {
            listener.onSnapshotLoaded(snapshot);
        }
        for (Batch b : committed) {
            listener.onCommit(b.offset(), b.records());
        }
        if (leader) {
            listener.onBecomeActive(epoch);
        }
    }

    /** This node wins an election: a new term begins. Legal only when not already leading. */
    public long becomeLeader() {
        if (leader) {
            throw new IllegalStateException("already the leader in epoch " + epoch);
        }
        epoch++;
        leader = true;
        for (Listener l : List.copyOf(listeners)) {
            l.onBecomeActive(epoch);
        }
        return epoch;
    }

    /**
     * This node loses leadership. Uncommitted batches are dropped and their appends fail with
     * {@link NotControllerException}. Legal only when leading.
     */
    public void resign() {
        if (!leader) {
            throw new IllegalStateException("not the leader");
        }
        leader = false;
        failUncommitted(new NotControllerException("leadership lost in epoch " + epoch, OptionalInt.empty()));
        for (Listener l : List.copyOf(listeners)) {
            l.onResign();
        }
    }

    @Override
    public CompletableFuture<Long> append(List<MetadataRecord> records) {
        return append(epoch, records);
    }

    @Override
    public CompletableFuture<Long> append(long expectedEpoch, List<MetadataRecord> records) {
        if (!leader || expectedEpoch != epoch) {
            return CompletableFuture.failedFuture(new NotControllerException(
                    "cannot append in epoch " + expectedEpoch + ": this node " + (leader ? "leads epoch " + epoch : "is not the leader"),
                    OptionalInt.empty()));
        }
        if (records.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a batch needs at least one record"));
        }
        if (uncommitted.size() >= maxUncommittedBatches) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "too many uncommitted batches (" + uncommitted.size() + "); commit some first"));
        }
        // Through the codec and back: what commits here could have been written to disk.
        List<MetadataRecord> copy = MetadataBatchCodec.decode(MetadataBatchCodec.encode(records));
        CompletableFuture<Long> future = new CompletableFuture<>();
        uncommitted.addLast(new Pending(nextOffset++, epoch, copy, future));
        if (autoCommit) {
            commitAll();
        }
        return future;
    }

    /** Commits the oldest uncommitted batch, delivering it to every listener; returns false if there was none. */
    public boolean commitNext() {
        Pending p = uncommitted.pollFirst();
        if (p == null) {
            return false;
        }
        committed.add(new Batch(p.offset(), p.records()));
        for (Listener l : List.copyOf(listeners)) {
            l.onCommit(p.offset(), p.records());
        }
        p.future().complete(p.offset());
        return true;
    }

    /** Commits every uncommitted batch in order; returns how many. */
    public int commitAll() {
        int n = 0;
        while (commitNext()) {
            n++;
        }
        return n;
    }

    /** Fails every uncommitted append with {@code cause}; those batches never commit. */
    public void failUncommitted(Throwable cause) {
        List<Pending> dropped = new ArrayList<>(uncommitted);
        uncommitted.clear();
        for (Pending p : dropped) {
            p.future().completeExceptionally(cause);
        }
    }

    /**
     * Replaces the committed batches up to {@code image.lastAppliedOffset()} with the image, as a
     * snapshot. The offset must be one this log committed.
     */
    public void takeSnapshot(MetadataImage image) {
        long offset = image.lastAppliedOffset();
        if (committed.stream().noneMatch(b -> b.offset() == offset)) {
            throw new IllegalArgumentException("offset " + offset + " is not a committed batch of this log");
        }
        committed.removeIf(b -> b.offset() <= offset);
        snapshot = image;
    }

    public boolean isLeader() {
        return leader;
    }

    public long epoch() {
        return epoch;
    }

    public int uncommittedBatches() {
        return uncommitted.size();
    }

    /** The offset of the last committed batch, or -1. */
    public long lastCommittedOffset() {
        if (!committed.isEmpty()) {
            return committed.get(committed.size() - 1).offset();
        }
        return snapshot == null ? -1 : snapshot.lastAppliedOffset();
    }

    /** The committed batches since the snapshot, in order. */
    public List<List<MetadataRecord>> committedBatches() {
        List<List<MetadataRecord>> out = new ArrayList<>();
        for (Batch b : committed) {
            out.add(b.records());
        }
        return out;
    }
}

package io.tributary.replication.producer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One producer id's state in one partition: its current epoch and the metadata of its most
 * recent batches, newest last. Kafka's producer keeps at most five batches in flight per
 * partition, so remembering the last {@link #RETAINED_BATCHES} is enough to answer any retry.
 */
public final class ProducerEntry {

    public static final int RETAINED_BATCHES = 5;

    private final long producerId;
    private short epoch;
    private long lastTimestampMs;
    private final Deque<BatchMetadata> batches = new ArrayDeque<>(RETAINED_BATCHES);

    ProducerEntry(long producerId, short epoch) {
        this.producerId = producerId;
        this.epoch = epoch;
    }

    ProducerEntry copy() {
        ProducerEntry c = new ProducerEntry(producerId, epoch);
        c.lastTimestampMs = lastTimestampMs;
        c.batches.addAll(batches);
        return c;
    }

    public long producerId() {
        return producerId;
    }

    public short epoch() {
        return epoch;
    }

    public long lastTimestampMs() {
        return lastTimestampMs;
    }

    /** The last sequence written under the current epoch, or -1 when none is (a new epoch starts at 0). */
    public int lastSeq() {
        BatchMetadata last = batches.peekLast();
        return last == null ? -1 : last.lastSeq();
    }

    public long lastOffset() {
        BatchMetadata last = batches.peekLast();
        return last == null ? -1L : last.lastOffset();
    }

    public List<BatchMetadata> batches() {
        return List.copyOf(batches);
    }

    BatchMetadata findDuplicate(int firstSeq, int lastSeq) {
        for (BatchMetadata b : batches) {
            if (b.firstSeq() == firstSeq && b.lastSeq() == lastSeq) {
                return b;
            }
        }
        return null;
    }

    /** A new epoch forgets the old epoch's batches: its sequences start again at 0. */
    void bumpEpoch(short newEpoch) {
        if (newEpoch != epoch) {
            epoch = newEpoch;
            batches.clear();
        }
    }

    void add(BatchMetadata batch) {
        BatchMetadata last = batches.peekLast();
        if (last != null && batch.firstOffset() <= last.lastOffset()) {
            throw new IllegalStateException("producer " + producerId + ": batch at offset " + batch.firstOffset()
                    + " does not follow the previous batch ending at " + last.lastOffset());
        }
        if (batches.size() == RETAINED_BATCHES) {
            batches.removeFirst();
        }
        batches.addLast(batch);
        lastTimestampMs = Math.max(lastTimestampMs, batch.timestampMs());
    }

    /** Whether a batch wholly below {@code offset} is still retained: a cut there leaves this entry's state known. */
    boolean retainsBatchBelow(long offset) {
        BatchMetadata first = batches.peekFirst();
        return first != null && first.lastOffset() < offset;
    }

    /** Forgets batches at or above {@code offset}; returns true when none remain. */
    boolean truncateFrom(long offset) {
        while (!batches.isEmpty() && batches.peekLast().lastOffset() >= offset) {
            batches.removeLast();
        }
        return batches.isEmpty();
    }

    /** For the snapshot codec: rebuilds an entry exactly as it was. */
    static ProducerEntry restore(long producerId, short epoch, long lastTimestampMs, List<BatchMetadata> batches) {
        ProducerEntry e = new ProducerEntry(producerId, epoch);
        e.lastTimestampMs = lastTimestampMs;
        if (batches.size() > RETAINED_BATCHES) {
            throw new IllegalArgumentException("producer " + producerId + " has " + batches.size() + " batches");
        }
        for (BatchMetadata b : new ArrayList<>(batches)) {
            e.add(b);
        }
        e.lastTimestampMs = lastTimestampMs;
        return e;
    }
}

package io.tributary.controller;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The most recent committed metadata batches, encoded, for brokers' long-polls: a broker that is
 * a little behind gets the batches it misses from memory; one that is further behind than the tail
 * reaches ({@link #covers} is false) gets a snapshot of the image instead.
 *
 * <p>Invariant: the tail holds every committed batch with an offset above {@link #baseOffset()},
 * in offset order. Evicting the oldest batch raises the base to its offset; a snapshot replacing
 * the state resets the base to the snapshot's offset.
 *
 * <p>Bounded by {@code batchesMax} and {@code bytesMax}, except that the newest batch is always
 * kept, however large, so a reader can always be served. Driver thread only.
 */
final class MetadataTail {

    private record Batch(long offset, ByteBuffer bytes) {
    }

    private final int batchesMax;
    private final long bytesMax;
    private final Deque<Batch> batches = new ArrayDeque<>();
    private long bytes;
    private long baseOffset = -1;

    MetadataTail(int batchesMax, long bytesMax) {
        if (batchesMax < 1 || bytesMax < 1) {
            throw new IllegalArgumentException("tail bounds must be >= 1, got " + batchesMax + " batches and " + bytesMax + " bytes");
        }
        this.batchesMax = batchesMax;
        this.bytesMax = bytesMax;
    }

    /** A batch committed at {@code offset}, encoded. Offsets must grow. */
    void append(long offset, ByteBuffer encoded) {
        long last = lastOffset();
        if (offset <= last) {
            throw new IllegalStateException("metadata tail: batch offset " + offset + " does not follow " + last);
        }
        ByteBuffer copy = encoded.asReadOnlyBuffer();
        batches.addLast(new Batch(offset, copy));
        bytes += copy.remaining();
        while (batches.size() > 1 && (batches.size() > batchesMax || bytes > bytesMax)) {
            Batch evicted = batches.pollFirst();
            bytes -= evicted.bytes().remaining();
            baseOffset = evicted.offset();
        }
    }

    /** A snapshot at {@code offset} replaced the state: nothing before it can be served from here. */
    void reset(long offset) {
        batches.clear();
        bytes = 0;
        baseOffset = offset;
    }

    /** Every committed batch above this offset is in the tail. */
    long baseOffset() {
        return baseOffset;
    }

    /** The newest batch's offset, or the base when the tail is empty. */
    long lastOffset() {
        Batch b = batches.peekLast();
        return b == null ? baseOffset : b.offset();
    }

    /** Whether a reader that has everything below {@code fromOffset} can continue from the tail. */
    boolean covers(long fromOffset) {
        return fromOffset > baseOffset;
    }

    /**
     * The batches at or after {@code fromOffset}, oldest first, at most {@code bytesMax} bytes of
     * payload but always at least one batch if there is one. Requires {@link #covers}.
     */
    List<MetadataFetchEntry> read(long fromOffset, int bytesMax) {
        if (!covers(fromOffset)) {
            throw new IllegalArgumentException("offset " + fromOffset + " is older than the tail (base " + baseOffset + ")");
        }
        List<MetadataFetchEntry> out = new ArrayList<>();
        long taken = 0;
        for (Batch b : batches) {
            if (b.offset() < fromOffset) {
                continue;
            }
            int size = b.bytes().remaining();
            if (!out.isEmpty() && taken + size > bytesMax) {
                break;
            }
            out.add(MetadataFetchEntry.batch(b.offset(), b.bytes()));
            taken += size;
        }
        return out;
    }

    int batchCount() {
        return batches.size();
    }

    long bytes() {
        return bytes;
    }
}

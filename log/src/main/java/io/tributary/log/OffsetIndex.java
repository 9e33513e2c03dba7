package io.tributary.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The sparse offset index of one segment ({@code <baseOffset>.index}): one entry for roughly every
 * {@code index.interval.bytes} of batches, pointing at the start of a batch.
 *
 * <p>Entry layout (8 bytes, big-endian), as Kafka's:
 * <pre>
 *   0  relativeOffset  int32   the batch's base offset minus the segment's base offset
 *   4  position        int32   the byte position of that batch in the {@code .log} file
 * </pre>
 * Entries are strictly increasing in both fields. The first batch of a segment has no entry:
 * position 0 is implied.
 */
final class OffsetIndex extends IndexFile {

    static final int ENTRY_SIZE = 8;

    /** An offset and the position of the batch starting at it. */
    record Entry(long offset, int position) {
    }

    OffsetIndex(Path path, long baseOffset, boolean writable, int maxIndexBytes) throws IOException {
        super(path, baseOffset, ENTRY_SIZE, writable, maxIndexBytes);
    }

    private long offsetAt(ByteBuffer view, int i) {
        return baseOffset + view.getInt(i * ENTRY_SIZE);
    }

    private int positionAt(ByteBuffer view, int i) {
        return view.getInt(i * ENTRY_SIZE + 4);
    }

    Entry entry(int i) {
        ByteBuffer view = view();
        if (i < 0 || i >= readableEntries(view)) {
            throw new IndexOutOfBoundsException("entry " + i + " of " + readableEntries(view));
        }
        return new Entry(offsetAt(view, i), positionAt(view, i));
    }

    Entry lastEntry() {
        ByteBuffer view = view();
        int n = readableEntries(view);
        return n == 0 ? new Entry(baseOffset, 0) : new Entry(offsetAt(view, n - 1), positionAt(view, n - 1));
    }

    /** Records that the batch with base offset {@code offset} starts at {@code position}. */
    void append(long offset, int position) {
        long relative = offset - baseOffset;
        if (relative <= 0 || relative > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " does not fit segment " + baseOffset + "'s index");
        }
        Entry last = lastEntry();
        if (entries() > 0 && (offset <= last.offset() || position <= last.position())) {
            throw new IllegalArgumentException("index entry (" + offset + ", " + position + ") does not follow ("
                    + last.offset() + ", " + last.position() + ") in " + path().getFileName());
        }
        ByteBuffer slot = slotForAppend();
        int at = nextSlotPosition();
        slot.putInt(at, (int) relative);
        slot.putInt(at + 4, position);
        commitEntry();
    }

    /** The entry with the largest offset at most {@code target}, or (baseOffset, 0) if there is none. */
    Entry lookup(long target) {
        ByteBuffer view = view();
        int n = readableEntries(view);
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (offsetAt(view, mid) <= target) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? new Entry(baseOffset, 0) : new Entry(offsetAt(view, found), positionAt(view, found));
    }

    /**
     * The last entry with position at most {@code maxPosition} and offset below {@code maxOffsetExclusive},
     * or null. Both fields grow together, so the entries that qualify form a prefix.
     */
    Entry floorWithin(int maxPosition, long maxOffsetExclusive) {
        ByteBuffer view = view();
        int n = readableEntries(view);
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (positionAt(view, mid) <= maxPosition && offsetAt(view, mid) < maxOffsetExclusive) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? null : new Entry(offsetAt(view, found), positionAt(view, found));
    }

    /** Drops the entries for offsets at or above {@code offset}. */
    void truncateTo(long offset) {
        ByteBuffer view = view();
        int n = readableEntries(view);
        int keep = n;
        while (keep > 0 && offsetAt(view, keep - 1) >= offset) {
            keep--;
        }
        truncateToEntries(keep);
    }

    @Override
    void sanityCheck(long logFileSizeBytes) throws CorruptIndexException, IOException {
        checkLength(logFileSizeBytes);
        ByteBuffer view = view();
        int n = readableEntries(view);
        if (n == 0) {
            return;
        }
        Entry last = new Entry(offsetAt(view, n - 1), positionAt(view, n - 1));
        if (last.offset() <= baseOffset || last.position() <= 0 || last.position() >= logFileSizeBytes) {
            throw new CorruptIndexException("last entry (" + last.offset() + ", " + last.position() + ") of "
                    + path().getFileName() + " lies outside its segment of " + logFileSizeBytes + " bytes");
        }
        if (n >= 2 && (offsetAt(view, n - 2) >= last.offset() || positionAt(view, n - 2) >= last.position())) {
            throw new CorruptIndexException("last entries of " + path().getFileName() + " are out of order");
        }
    }
}

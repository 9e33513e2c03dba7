package io.tributary.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The time index of one segment ({@code <baseOffset>.timeindex}), which ListOffsets-by-timestamp
 * and time retention use.
 *
 * <p>Entry layout (12 bytes, big-endian), as Kafka's:
 * <pre>
 *   0  timestamp       int64   the largest batch timestamp in the segment up to this point
 *   8  relativeOffset  int32   base offset (minus the segment's) of the first batch that reached it
 * </pre>
 * Entries are strictly increasing in timestamp and non-decreasing in offset. An entry (T, O)
 * promises that every record before offset O has a timestamp below T, so a search for the first
 * record at or after time t may start at the batch holding O of the last entry with T at most t.
 * One slot is kept free while the segment is active, for the entry written when it becomes inactive.
 */
final class TimeIndex extends IndexFile {

    static final int ENTRY_SIZE = 12;

    TimeIndex(Path path, long baseOffset, boolean writable, int maxIndexBytes) throws IOException {
        super(path, baseOffset, ENTRY_SIZE, writable, maxIndexBytes);
    }

    private long timestampAt(ByteBuffer view, int i) {
        return view.getLong(i * ENTRY_SIZE);
    }

    private long offsetAt(ByteBuffer view, int i) {
        return baseOffset + view.getInt(i * ENTRY_SIZE + 8);
    }

    TimestampAndOffset entry(int i) {
        ByteBuffer view = view();
        if (i < 0 || i >= readableEntries(view)) {
            throw new IndexOutOfBoundsException("entry " + i + " of " + readableEntries(view));
        }
        return new TimestampAndOffset(timestampAt(view, i), offsetAt(view, i), -1);
    }

    /** The last entry, or (-1, baseOffset) if there is none. */
    TimestampAndOffset lastEntry() {
        ByteBuffer view = view();
        int n = readableEntries(view);
        return n == 0 ? new TimestampAndOffset(-1L, baseOffset, -1)
                : new TimestampAndOffset(timestampAt(view, n - 1), offsetAt(view, n - 1), -1);
    }

    /** Full for regular appends one slot early, so the final entry always fits. */
    @Override
    boolean isFull() {
        return entries() >= maxEntries() - 1;
    }

    /**
     * Appends (timestamp, offset) if the timestamp is newer than the last entry's.
     *
     * @param finalEntry true when the segment is becoming inactive; may use the reserved slot
     */
    void maybeAppend(long timestamp, long offset, boolean finalEntry) {
        TimestampAndOffset last = lastEntry();
        if (entries() > 0 && timestamp <= last.timestamp()) {
            return;
        }
        if (timestamp < 0) {
            return;
        }
        if (entries() > 0 && offset < last.offset()) {
            throw new IllegalArgumentException("time index entry for offset " + offset + " precedes offset "
                    + last.offset() + " in " + path().getFileName());
        }
        long relative = offset - baseOffset;
        if (relative < 0 || relative > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offset " + offset + " does not fit segment " + baseOffset + "'s time index");
        }
        if (!finalEntry && isFull()) {
            throw new IllegalStateException("time index " + path().getFileName() + " is full");
        }
        ByteBuffer slot = slotForAppend();
        int at = nextSlotPosition();
        slot.putLong(at, timestamp);
        slot.putInt(at + 8, (int) relative);
        commitEntry();
    }

    /** The last entry with timestamp at most {@code target}, or (-1, baseOffset) if there is none. */
    TimestampAndOffset lookup(long target) {
        ByteBuffer view = view();
        int n = readableEntries(view);
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (timestampAt(view, mid) <= target) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? new TimestampAndOffset(-1L, baseOffset, -1)
                : new TimestampAndOffset(timestampAt(view, found), offsetAt(view, found), -1);
    }

    @Override
    void sanityCheck(long logFileSizeBytes) throws CorruptIndexException, IOException {
        checkLength(logFileSizeBytes);
        ByteBuffer view = view();
        int n = readableEntries(view);
        if (n == 0) {
            return;
        }
        if (offsetAt(view, n - 1) < baseOffset || timestampAt(view, n - 1) < 0) {
            throw new CorruptIndexException("last entry of " + path().getFileName() + " is impossible");
        }
        if (n >= 2 && (timestampAt(view, n - 2) >= timestampAt(view, n - 1) || offsetAt(view, n - 2) > offsetAt(view, n - 1))) {
            throw new CorruptIndexException("last entries of " + path().getFileName() + " are out of order");
        }
    }
}

package io.tributary.log;

import java.util.ArrayList;
import java.util.List;

/**
 * The operator's view of a {@link PartitionLog}: its size and its segments, read from one
 * immutable {@link LogState}, so the figures agree with each other even while appends go on.
 */
final class LogView {

    private LogView() {
    }

    /** Bytes of batches in all live segments of {@code s}. */
    static long sizeInBytes(LogState s) {
        long total = 0;
        for (int i = 0; i < s.segments().length; i++) {
            total += s.boundOf(i);
        }
        return total;
    }

    /** One line per live segment of {@code s}, oldest first; the last is the active one. */
    static List<SegmentInfo> segments(LogState s) {
        List<SegmentInfo> out = new ArrayList<>(s.segments().length);
        for (int i = 0; i < s.segments().length; i++) {
            LogSegment seg = s.segments()[i];
            boolean last = i == s.segments().length - 1;
            out.add(new SegmentInfo(seg.baseOffset, s.boundOf(i), seg.largestTimestamp(), last));
        }
        return out;
    }
}

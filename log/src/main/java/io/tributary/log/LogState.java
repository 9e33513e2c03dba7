package io.tributary.log;

/**
 * What readers of a {@link PartitionLog} see: the live segments in offset order, the log start
 * and end, and how many bytes of the last (active) segment are readable. Immutable; the log
 * publishes a new one through a single volatile write after each change is in the files.
 */
record LogState(LogSegment[] segments, long logStartOffset, long logEndOffset, int activeSize) {

    LogState {
        if (segments.length == 0) {
            throw new IllegalStateException("a log always has at least one segment");
        }
        if (logStartOffset > logEndOffset || segments[0].baseOffset > logStartOffset) {
            throw new IllegalStateException("log start " + logStartOffset + ", end " + logEndOffset
                    + " and first segment " + segments[0].baseOffset + " disagree");
        }
    }

    LogSegment active() {
        return segments[segments.length - 1];
    }

    /** The readable size of segment {@code i}: the published size for the active one, else its final size. */
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

    LogOffsetMetadata endMetadata() {
        return new LogOffsetMetadata(logEndOffset, active().baseOffset, activeSize);
    }
}

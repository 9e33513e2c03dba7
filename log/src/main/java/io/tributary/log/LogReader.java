package io.tributary.log;

import io.tributary.common.records.RecordsSlice;
import java.io.IOException;
import java.util.Optional;

/**
 * The read paths of a partition log, working from one published {@link LogState} and taking no
 * lock: fetch reads, searches by timestamp, and header scans.
 */
final class LogReader {

    private LogReader() {
    }

    static LogReadResult read(LogState s, String name, long startOffset, int maxBytes, long maxOffsetExclusive,
                              boolean minOneBatch) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, got " + maxBytes);
        }
        checkInRange(s, name, startOffset);
        long limit = Math.min(maxOffsetExclusive, s.logEndOffset());
        if (startOffset == s.logEndOffset()) {
            LogSegment active = s.active();
            return new LogReadResult(new RecordsSlice.FileRange(active.channel(), s.activeSize(), 0), s.endMetadata(),
                    startOffset, s.logStartOffset(), s.logEndOffset());
        }
        try {
            for (int i = s.floorIndex(startOffset); i < s.segments().length; i++) {
                LogSegment seg = s.segments()[i];
                LogSegment.SegmentRead r = seg.read(startOffset, maxBytes, limit, minOneBatch, s.boundOf(i));
                if (r != null) {
                    return new LogReadResult(new RecordsSlice.FileRange(seg.channel(), r.position(), r.size()),
                            new LogOffsetMetadata(startOffset, seg.baseOffset, r.position()), r.nextOffset(),
                            s.logStartOffset(), s.logEndOffset());
                }
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot read " + name + " at offset " + startOffset, e);
        }
        // No batch at or after startOffset: it lies in a gap at the log end (a follower truncated into a
        // gap the cleaner left). Nothing is there to read yet; the next append lands at the log end.
        LogSegment active = s.active();
        return new LogReadResult(new RecordsSlice.FileRange(active.channel(), s.activeSize(), 0), s.endMetadata(),
                startOffset, s.logStartOffset(), s.logEndOffset());
    }

    static void checkInRange(LogState s, String name, long offset) {
        if (offset < s.logStartOffset() || offset > s.logEndOffset()) {
            throw new OffsetOutOfRangeException(name, offset, s.logStartOffset(), s.logEndOffset());
        }
    }

    static Optional<TimestampAndOffset> offsetForTimestamp(LogState s, String name, long timestamp) {
        try {
            for (int i = 0; i < s.segments().length; i++) {
                LogSegment seg = s.segments()[i];
                if (seg.maxTimestampSoFar().timestamp() < timestamp) {
                    continue;
                }
                TimestampAndOffset found = SegmentSearch.findOffsetByTimestamp(seg, timestamp, s.logStartOffset(), s.boundOf(i));
                if (found != null) {
                    return Optional.of(found);
                }
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot search " + name + " by timestamp", e);
        }
        return Optional.empty();
    }

    static Optional<TimestampAndOffset> maxTimestampAndOffset(LogState s, String name) {
        int best = -1;
        long bestTs = -1;
        for (int i = 0; i < s.segments().length; i++) {
            long ts = s.segments()[i].maxTimestampSoFar().timestamp();
            if (ts >= 0 && ts > bestTs) {
                best = i;
                bestTs = ts;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(SegmentSearch.locateMaxTimestamp(s.segments()[best], s.boundOf(best)));
        } catch (IOException e) {
            throw new LogStorageException("cannot find the max timestamp of " + name, e);
        }
    }

    static void scanBatches(LogState s, String name, long fromOffset, BatchVisitor visitor) {
        if (fromOffset > s.logEndOffset()) {
            throw new OffsetOutOfRangeException(name, fromOffset, s.logStartOffset(), s.logEndOffset());
        }
        long from = Math.max(fromOffset, s.logStartOffset());
        try {
            for (int i = s.floorIndex(from); i < s.segments().length; i++) {
                if (!s.segments()[i].scan(from, s.boundOf(i), visitor)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot scan " + name, e);
        }
    }

    static void verifyIndexes(LogState s, String name) {
        try {
            for (int i = 0; i < s.segments().length; i++) {
                SegmentSearch.verifyIndexes(s.segments()[i], s.boundOf(i));
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot verify the indexes of " + name, e);
        }
    }
}

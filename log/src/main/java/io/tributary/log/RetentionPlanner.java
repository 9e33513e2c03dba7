package io.tributary.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides, without touching files, how many of the oldest segments retention deletes, by Kafka's
 * rules: a segment goes by time when its newest timestamp is older than {@code retention.ms}, by
 * size while the log stays at or above {@code retention.bytes} without it. Only a prefix of the
 * log goes, and never a segment that reaches past the high watermark (followers may still need it)
 * nor the last segment when it is empty (there must always be a segment to append to). The last
 * segment may go when it is not empty: the log then rolls first.
 */
final class RetentionPlanner {

    /**
     * One segment as retention sees it.
     *
     * @param upperBoundOffset the offset after its last batch (the next segment's base, or the log end)
     */
    record Candidate(long baseOffset, long sizeBytes, long largestTimestampMs, long upperBoundOffset, boolean lastAndEmpty) {
    }

    /** How many of the oldest segments to delete and the config that demands it. */
    record Plan(int count, String reason) {
        static final Plan NONE = new Plan(0, null);
    }

    private RetentionPlanner() {
    }

    /** The live segments of {@code s} as retention sees them. */
    static List<Candidate> candidates(LogState s) {
        LogSegment[] segs = s.segments();
        List<Candidate> out = new ArrayList<>(segs.length);
        for (int i = 0; i < segs.length; i++) {
            boolean last = i == segs.length - 1;
            long upper = last ? s.logEndOffset() : segs[i + 1].baseOffset;
            out.add(new Candidate(segs[i].baseOffset, s.boundOf(i), segs[i].largestTimestamp(), upper, last && s.activeSize() == 0));
        }
        return out;
    }

    static Plan plan(List<Candidate> segments, long nowMs, long retentionMs, long retentionBytes, long highWatermark) {
        int byTime = 0;
        if (retentionMs >= 0) {
            for (Candidate c : segments) {
                if (!eligible(c, highWatermark) || nowMs - c.largestTimestampMs() <= retentionMs) {
                    break;
                }
                byTime++;
            }
        }
        int bySize = 0;
        if (retentionBytes >= 0) {
            long total = 0;
            for (Candidate c : segments) {
                total += c.sizeBytes();
            }
            long excess = total - retentionBytes;
            for (Candidate c : segments) {
                if (!eligible(c, highWatermark) || excess - c.sizeBytes() < 0) {
                    break;
                }
                excess -= c.sizeBytes();
                bySize++;
            }
        }
        if (byTime == 0 && bySize == 0) {
            return Plan.NONE;
        }
        return byTime >= bySize ? new Plan(byTime, LogConfig.RETENTION_MS_CONFIG) : new Plan(bySize, LogConfig.RETENTION_BYTES_CONFIG);
    }

    private static boolean eligible(Candidate c, long highWatermark) {
        return !c.lastAndEmpty() && c.upperBoundOffset() <= highWatermark;
    }
}

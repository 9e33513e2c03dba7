package io.tributary.log;

import java.util.List;

/**
 * Decides, without touching files, whether a compacted log is worth cleaning now and which part
 * of it may be cleaned, by Kafka's rules.
 *
 * <p>The log splits at two offsets. Below the <em>first dirty offset</em> (where the last cleaning
 * stopped) the log is clean: every key there appears once. From it up to the <em>first uncleanable
 * offset</em> it is dirty and cleanable. The cleanable part ends at the earliest of: the active
 * segment (never touched, it takes appends), the first segment reaching the high watermark (a
 * replica cleans only what every replica will hold the same), and the first segment holding a
 * record younger than {@code min.compaction.lag.ms}. Only whole segments are cleanable.
 *
 * <p>The log is worth cleaning when its dirty share of the cleanable bytes is above
 * {@code min.cleanable.dirty.ratio}, or whatever its ratio once its first dirty record is older than
 * {@code max.compaction.lag.ms}.
 */
final class CleaningPlanner {

    /**
     * One segment as the planner sees it.
     *
     * @param upperBoundOffset   the offset after its range: the next segment's base, or the log end
     * @param largestTimestampMs its newest record's timestamp
     * @param active             the last segment, which takes appends
     */
    record Segment(long baseOffset, long sizeBytes, long largestTimestampMs, long upperBoundOffset, boolean active) {
    }

    /**
     * The verdict for one log.
     *
     * @param firstDirtyOffset       where the dirty part starts (at or above the log start)
     * @param firstUncleanableOffset where the cleanable part ends, a segment boundary
     * @param dirtyRatio             dirty bytes over clean plus dirty bytes of the cleanable part
     * @param forced                 max.compaction.lag.ms demands a cleaning whatever the ratio
     * @param due                    worth cleaning now
     */
    record Plan(long firstDirtyOffset, long firstUncleanableOffset, long cleanBytes, long dirtyBytes, double dirtyRatio,
                boolean forced, boolean due) {
    }

    private CleaningPlanner() {
    }

    /**
     * @param firstDirtyTimestampMs the timestamp of the first dirty batch, or -1 when unknown (no
     *                              dirty batch, or batches without timestamps)
     * @param tombstoneHorizonMs    the earliest delete horizon of a tombstone the last cleaning kept, or
     *                              -1: once it passes, the clean part is worth cleaning again to drop it
     */
    static Plan plan(List<Segment> segments, long logStartOffset, long checkpointOffset, long highWatermark,
                     long firstDirtyTimestampMs, long tombstoneHorizonMs, long nowMs, CompactionConfig config) {
        long firstDirty = Math.max(checkpointOffset, logStartOffset);
        long firstUncleanable = firstDirty;
        long cleanBytes = 0;
        long dirtyBytes = 0;
        for (Segment s : segments) {
            if (s.upperBoundOffset() <= firstDirty) {
                cleanBytes += s.sizeBytes();
                firstUncleanable = Math.max(firstUncleanable, s.upperBoundOffset());
                continue;
            }
            boolean cleanable = !s.active() && s.upperBoundOffset() <= highWatermark
                    && nowMs - s.largestTimestampMs() >= config.minCompactionLagMs();
            if (!cleanable) {
                break;
            }
            dirtyBytes += s.sizeBytes();
            firstUncleanable = s.upperBoundOffset();
        }
        double ratio = cleanBytes + dirtyBytes == 0 ? 0.0 : (double) dirtyBytes / (cleanBytes + dirtyBytes);
        boolean forced = dirtyBytes > 0 && firstDirtyTimestampMs >= 0 && config.maxCompactionLagMs() < Long.MAX_VALUE
                && nowMs - firstDirtyTimestampMs > config.maxCompactionLagMs();
        boolean tombstonesDue = tombstoneHorizonMs >= 0 && nowMs >= tombstoneHorizonMs && cleanBytes > 0;
        boolean due = config.compact() && (tombstonesDue || dirtyBytes > 0 && (forced || ratio > config.minCleanableDirtyRatio()));
        return new Plan(firstDirty, firstUncleanable, cleanBytes, dirtyBytes, ratio, forced, due);
    }

    /** Orders plans as the cleaner picks them: forced ones first, then the dirtiest. */
    static int compareUrgency(Plan a, Plan b) {
        if (a.forced() != b.forced()) {
            return a.forced() ? -1 : 1;
        }
        return Double.compare(b.dirtyRatio(), a.dirtyRatio());
    }
}

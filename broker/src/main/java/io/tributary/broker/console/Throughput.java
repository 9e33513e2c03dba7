package io.tributary.broker.console;

import io.tributary.common.TopicPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Records and bytes per second of each partition hosted here, from two samples of its log end offset
 * and log size at least {@link #WINDOW_MS} apart, taken when the console asks. No thread and no cost
 * on the produce path; a partition is forgotten when it is no longer hosted, so the map is bounded by
 * the partitions this broker holds. Bytes per second counts what the log grew by, so retention
 * deleting a segment reads as 0, not as a negative rate.
 */
final class Throughput {

    static final long WINDOW_MS = 1_000;

    private record Sample(long atMs, long logEndOffset, long sizeBytes) {
    }

    /** A rate pair; both 0 until two samples exist. */
    record Rate(double recordsPerSec, double bytesPerSec) {
        static final Rate NONE = new Rate(0, 0);
    }

    private final Map<TopicPartition, Sample[]> samples = new HashMap<>();

    /** The rate over the last window, taking a new sample when the newest is a window old. */
    synchronized Rate sample(TopicPartition tp, long nowMs, long logEndOffset, long sizeBytes) {
        Sample now = new Sample(nowMs, logEndOffset, sizeBytes);
        Sample[] pair = samples.get(tp);
        if (pair == null) {
            samples.put(tp, new Sample[] {now, now});
            return Rate.NONE;
        }
        if (nowMs - pair[1].atMs() >= WINDOW_MS) {
            pair[0] = pair[1];
            pair[1] = now;
        }
        Sample older = pair[0];
        long dtMs = now.atMs() - older.atMs();
        if (dtMs <= 0) {
            return Rate.NONE;
        }
        double records = Math.max(0, now.logEndOffset() - older.logEndOffset()) * 1000.0 / dtMs;
        double bytes = Math.max(0, now.sizeBytes() - older.sizeBytes()) * 1000.0 / dtMs;
        return new Rate(records, bytes);
    }

    /** Drops the samples of partitions no longer hosted here. */
    synchronized void retain(Set<TopicPartition> hosted) {
        samples.keySet().retainAll(hosted);
    }
}

package io.tributary.broker.partition;

import io.tributary.common.TopicPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A leader's low watermark, for DeleteRecords: the smallest log start among the leader and its
 * in-sync followers, from the log starts the followers report in their fetches (Fetch v5+). Below
 * it no in-sync replica still serves records, which is when Kafka answers a DeleteRecords request.
 * A follower that has not reported in this term counts as -1 (unknown), so it holds the low
 * watermark down until it fetches, as Kafka's unknown offset does. Each move is announced
 * ({@link PartitionEvents#lowWatermarkMoved}), which wakes the DeleteRecords waiting for it.
 *
 * <p>Threading: its {@link Partition} changes it under the partition's lock, and forgets the reports
 * at each new term; {@link #value()} is read lock-free, by DeleteRecords waiting on several
 * partitions while an event holds one partition's lock.
 */
final class LowWatermark {

    static final long UNKNOWN = -1L;

    private final TopicPartition tp;
    private final PartitionEvents events;
    private final Map<Integer, Long> byReplica = new HashMap<>();
    private volatile long value = UNKNOWN;

    LowWatermark(TopicPartition tp, PartitionEvents events) {
        this.tp = tp;
        this.events = events;
    }

    /** Records {@code replicaId}'s log start from an accepted fetch; returns whether it changed. */
    boolean report(int replicaId, long logStartOffset) {
        Long before = byReplica.put(replicaId, logStartOffset);
        return before == null || before != logStartOffset;
    }

    /** A new term, or not leading: every follower's report is forgotten. */
    void clear() {
        byReplica.clear();
    }

    /** The last value computed: -1 when not leading. */
    long value() {
        return value;
    }

    /**
     * Recomputes it after anything that may move it (a log start, the ISR, the role) and announces a
     * move: {@code isr} null when not leading, else the leader ({@code localId}, at {@code leaderLogStart})
     * and the rest of the ISR.
     */
    void refresh(long leaderLogStart, Set<Integer> isr, int localId) {
        long next = isr == null ? UNKNOWN : lowest(leaderLogStart, isr, localId);
        if (next != value) {
            value = next;
            events.lowWatermarkMoved(tp);
        }
    }

    private long lowest(long leaderLogStart, Set<Integer> isr, int localId) {
        long low = leaderLogStart;
        for (int replica : isr) {
            if (replica != localId) {
                low = Math.min(low, byReplica.getOrDefault(replica, UNKNOWN));
            }
        }
        return low;
    }
}

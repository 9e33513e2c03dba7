package io.tributary.broker.partition;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The log start offsets a leader's followers report in their fetches (Fetch v5+), for DeleteRecords.
 * The low watermark is the smallest log start among the leader and its in-sync followers: below it
 * no in-sync replica still serves records, which is when Kafka answers a DeleteRecords request. A
 * follower that has not reported in this term counts as -1 (unknown), so it holds the low watermark
 * down until it fetches, as Kafka's unknown offset does.
 *
 * <p>Not thread-safe: its {@link Partition} calls it under the partition's lock, and forgets it at
 * each new term.
 */
final class FollowerLogStarts {

    static final long UNKNOWN = -1L;

    private final Map<Integer, Long> byReplica = new HashMap<>();

    /** Records {@code replicaId}'s log start from an accepted fetch; returns whether it changed. */
    boolean report(int replicaId, long logStartOffset) {
        Long before = byReplica.put(replicaId, logStartOffset);
        return before == null || before != logStartOffset;
    }

    void clear() {
        byReplica.clear();
    }

    /** The smallest log start among the leader ({@code localId}, at {@code leaderLogStart}) and the rest of {@code isr}. */
    long lowWatermark(long leaderLogStart, Set<Integer> isr, int localId) {
        long low = leaderLogStart;
        for (int replica : isr) {
            if (replica != localId) {
                low = Math.min(low, byReplica.getOrDefault(replica, UNKNOWN));
            }
        }
        return low;
    }
}

package io.tributary.coordinator;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The shard's deadlines: at most one per key, rescheduling a key replaces its deadline. Expired
 * keys come out in deadline order. Bounded by the number of keys (one per group's join phase and sync phase, one
 * per member and pending member, one for the offsets expiry check); replaced entries are dropped
 * lazily, and the queue is rebuilt when they outnumber the live ones, so it stays O(keys).
 */
final class Timers {

    /** What a deadline is for. */
    enum Kind { JOIN, SYNC, HEARTBEAT, PENDING_MEMBER, OFFSETS_EXPIRY }

    record Key(Kind kind, String groupId, String memberId) {
    }

    private record Entry(long deadlineMs, long seq, Key key) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.deadlineMs != b.deadlineMs
            ? Long.compare(a.deadlineMs, b.deadlineMs) : Long.compare(a.seq, b.seq));
    private final Map<Key, Entry> live = new HashMap<>();
    private long seq;

    void schedule(Key key, long deadlineMs) {
        Entry e = new Entry(deadlineMs, seq++, key);
        live.put(key, e);
        queue.add(e);
        if (queue.size() > 2 * live.size() + 64) {
            queue.clear();
            queue.addAll(live.values());
        }
    }

    void cancel(Key key) {
        live.remove(key);
    }

    boolean isScheduled(Key key) {
        return live.containsKey(key);
    }

    /** The earliest live deadline, or {@link Long#MAX_VALUE}. */
    long nextDeadlineMs() {
        dropStale();
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().deadlineMs;
    }

    /** Removes and returns the earliest key whose deadline is at or before {@code nowMs}, or null. */
    Key pollExpired(long nowMs) {
        dropStale();
        Entry head = queue.peek();
        if (head == null || head.deadlineMs > nowMs) {
            return null;
        }
        queue.poll();
        live.remove(head.key);
        return head.key;
    }

    private void dropStale() {
        while (!queue.isEmpty() && live.get(queue.peek().key) != queue.peek()) {
            queue.poll();
        }
    }
}

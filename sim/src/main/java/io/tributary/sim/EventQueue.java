package io.tributary.sim;

import java.util.PriorityQueue;

/**
 * The simulation's only scheduler: events ordered by simulated time, then by the order they were
 * scheduled. Bounded: a schedule that piles up more than {@code maxEvents} pending events is a
 * bug in the simulation (a timer that re-arms twice, a message storm), and fails loudly.
 */
final class EventQueue {

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final int maxEvents;
    private long nextSeq;
    private long nowMs;

    EventQueue(int maxEvents) {
        this.maxEvents = maxEvents;
    }

    long nowMs() {
        return nowMs;
    }

    void schedule(long atMs, int nodeId, int fromId, Object payload) {
        if (atMs < nowMs) {
            throw new IllegalStateException("event at " + atMs + " ms is in the past (now " + nowMs + " ms): " + payload);
        }
        if (queue.size() >= maxEvents) {
            throw new IllegalStateException("more than " + maxEvents + " pending events; the schedule runs away");
        }
        queue.add(new Event(atMs, nextSeq++, nodeId, fromId, payload));
    }

    /** The next event, with the clock moved to its time; null when none is left. */
    Event poll() {
        Event e = queue.poll();
        if (e != null) {
            nowMs = e.timeMs();
        }
        return e;
    }

    long peekTimeMs() {
        Event e = queue.peek();
        return e == null ? Long.MAX_VALUE : e.timeMs();
    }

    int size() {
        return queue.size();
    }
}

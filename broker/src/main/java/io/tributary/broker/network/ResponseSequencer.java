package io.tributary.broker.network;

import java.util.ArrayDeque;

/**
 * Keeps one connection's responses in request order. Requests may finish in any order (a delayed
 * fetch after a later metadata request, say) but Kafka clients match responses to requests by
 * order as well as by correlation id, so a finished request waits here until every earlier one has
 * been answered.
 *
 * <p>Bounded: at most {@code capacity} requests are open at once; the connection stops reading
 * before it would open more. Not thread-safe: used only on the connection's event loop.
 *
 * <p>A slot's life: {@link #open} (in flight) → {@link #complete} (done, maybe waiting for earlier
 * slots) → {@link #pollReady} (handed to the socket). Completing a slot twice is refused.
 */
final class ResponseSequencer {

    /** One request's place in line. */
    static final class Slot {
        private final long sequence;
        private Outcome outcome;

        private Slot(long sequence) {
            this.sequence = sequence;
        }

        long sequence() {
            return sequence;
        }

        boolean done() {
            return outcome != null;
        }
    }

    private final int capacity;
    private final ArrayDeque<Slot> slots;
    private long nextSequence;

    ResponseSequencer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.slots = new ArrayDeque<>(Math.min(capacity, 64));
    }

    int inFlight() {
        return slots.size();
    }

    boolean full() {
        return slots.size() >= capacity;
    }

    Slot open() {
        if (full()) {
            throw new IllegalStateException("response sequencer full at " + capacity + " requests");
        }
        Slot s = new Slot(nextSequence++);
        slots.addLast(s);
        return s;
    }

    void complete(Slot slot, Outcome outcome) {
        if (outcome == null) {
            throw new IllegalArgumentException("outcome is null for request " + slot.sequence);
        }
        if (slot.outcome != null) {
            throw new IllegalStateException("request " + slot.sequence + " completed twice");
        }
        slot.outcome = outcome;
    }

    /** The next outcome to write, in request order, or null when the oldest open request is not done yet. */
    Outcome pollReady() {
        Slot head = slots.peekFirst();
        if (head == null || head.outcome == null) {
            return null;
        }
        slots.removeFirst();
        return head.outcome;
    }

    /** Drops every open slot (the connection closed); returns how many were dropped. */
    int clear() {
        int n = slots.size();
        slots.clear();
        return n;
    }
}

package io.tributary.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * What a failure report shows and what the determinism test compares: the last {@code capacity}
 * events (kept as objects, formatted only when a report is printed, so the loop does no string
 * work), and a running hash of every event's time, order, node and payload.
 *
 * <p>The hash uses only values whose hash codes are fixed across JVM runs (numbers, strings, and
 * records of them; enums enter by ordinal through {@link #mix(long)}), so the same seed gives the same
 * hash in any JVM.
 */
final class Trace {

    private final Event[] ring;
    private int next;
    private long count;
    private long hash = 1125899906842597L;
    /** A message kind's hash, from its class name (the same in every run), computed once per class. */
    private static final ClassValue<Integer> KIND_HASH = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return type.getSimpleName().hashCode();
        }
    };

    Trace(int capacity) {
        ring = new Event[capacity];
    }

    void record(Event e) {
        ring[next] = e;
        next = (next + 1) % ring.length;
        count++;
        mix(e.timeMs());
        mix(e.nodeId());
        mix(e.fromId());
        Object p = e.payload();
        if (p instanceof Timer t) {
            mix(t.kind().ordinal());
            mix(t.partition());
            mix(t.token());
        } else if (p instanceof Fault f) {
            mix(f.kind().ordinal());
            mix(f.target());
        } else {
            mix(KIND_HASH.get(p.getClass()));
        }
    }

    void mix(long v) {
        hash = hash * 31 + v;
        hash ^= hash >>> 29;
    }

    long hash() {
        return hash;
    }

    long eventCount() {
        return count;
    }

    /** The kept events, oldest first. */
    List<Event> lastEvents() {
        List<Event> out = new ArrayList<>(ring.length);
        for (int i = 0; i < ring.length; i++) {
            Event e = ring[(next + i) % ring.length];
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }
}

package io.tributary.sim;

/**
 * Something that happens to one node at one simulated time: a message arriving, a timer firing,
 * or a fault. Ordered by {@code (timeMs, seq)}; {@code seq} is the order events were scheduled, so
 * two events at the same millisecond run in a fixed order.
 *
 * @param nodeId  the node it happens to ({@link Simulation#SIM_NODE} for faults)
 * @param fromId  the sender of a message, -1 otherwise
 * @param payload a {@link Message}, a {@link Timer} or a {@link Fault}
 */
record Event(long timeMs, long seq, int nodeId, int fromId, Object payload) implements Comparable<Event> {

    @Override
    public int compareTo(Event o) {
        int c = Long.compare(timeMs, o.timeMs);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }

    @Override
    public String toString() {
        return String.format("%7d ms  #%-7d %s -> %s  %s", timeMs, seq, Simulation.nodeName(fromId), Simulation.nodeName(nodeId), payload);
    }
}

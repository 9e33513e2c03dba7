package io.tributary.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that writes to every partition of a topic without pause while a broker fails, and its
 * acknowledgement log: for each partition, every record the client reported acknowledged, with its
 * offset and when it was sent and acknowledged. Record {@code seq} of partition {@code p} has the value
 * {@code <name>-<p>-<seq>} (see {@link #value}), so that in the partition's log each writer's records
 * can be told apart, and a duplicate or a reordering shows.
 *
 * <p>Errors are what the client gave up on or could not retry (they fail an acks=all run); notices
 * are the retriable failures it reported on the way (printed, never asserted). Both are bounded: the
 * first errors are kept, and the latest notices.
 */
abstract class ContinuousWriter {
    /** How many errors and notices are kept; past that they are only counted. */
    static final int MESSAGES_KEPT_MAX = 200;

    /** An acknowledgement: the offset and value, and when (nanoTime) the record was sent and acknowledged. */
    record Ack(long offset, String value, long sentNs, long ackedNs) {
    }

    private final String name;
    private final int partitions;
    private final Map<Integer, List<Ack>> acks = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errorCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> notices = new ConcurrentLinkedQueue<>();
    private final AtomicInteger noticeCount = new AtomicInteger();

    ContinuousWriter(String name, int partitions) {
        if (name.contains("-")) {
            throw new IllegalArgumentException("a writer's name must not contain '-': " + name);
        }
        this.name = name;
        this.partitions = partitions;
        for (int p = 0; p < partitions; p++) {
            acks.put(p, Collections.synchronizedList(new ArrayList<>()));
        }
    }

    /** Starts writing; returns at once. */
    abstract void start();

    /**
     * Stops writing, waits (bounded) until every record sent was answered, and releases the client.
     * An answer that never came, or a client that did not exit cleanly, is an error.
     */
    abstract void finish();

    /** How many records the writer handed to its client for {@code partition}: sequence numbers 0 to this, exclusive. */
    abstract long sentCount(int partition);

    /** The client's settings that matter to the reader of a failure message. */
    abstract String settings();

    final String name() {
        return name;
    }

    final int partitions() {
        return partitions;
    }

    static String value(String writer, int partition, long seq) {
        return writer + "-" + partition + "-" + seq;
    }

    /** The writer's name in a value written by {@link #value}, or null for any other value. */
    static String writerOf(String value) {
        int dash = value == null ? -1 : value.indexOf('-');
        return dash < 0 ? null : value.substring(0, dash);
    }

    /** The sequence number in a value written by {@link #value}. */
    static long seqOf(String value) {
        return Long.parseLong(value.substring(value.lastIndexOf('-') + 1));
    }

    final void acknowledged(int partition, Ack ack) {
        acks.get(partition).add(ack);
    }

    final void error(String message) {
        if (errorCount.incrementAndGet() <= MESSAGES_KEPT_MAX) {
            errors.add(message);
        }
    }

    /** Keeps the latest {@link #MESSAGES_KEPT_MAX} notices: when a writer stalls, the latest say why. */
    final void notice(String message) {
        notices.add(message);
        if (noticeCount.incrementAndGet() > MESSAGES_KEPT_MAX) {
            notices.poll();
        }
    }

    /** What the client gave up on or could not retry (the first {@link #MESSAGES_KEPT_MAX}). */
    final List<String> errors() {
        return List.copyOf(errors);
    }

    final boolean failed() {
        return errorCount.get() > 0;
    }

    final int noticeCount() {
        return noticeCount.get();
    }

    /** The latest retriable failures and notices the client reported, for the report of a failure. */
    final List<String> notices() {
        return List.copyOf(notices);
    }

    final int ackCount(int partition) {
        return acks.get(partition).size();
    }

    final int acknowledged() {
        return acks.values().stream().mapToInt(List::size).sum();
    }

    final List<Ack> acks(int partition) {
        List<Ack> list = acks.get(partition);
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** When the first record sent after {@code sinceNs} (nanoTime) was acknowledged on {@code partition}; 0 if none yet. */
    final long firstAckOfRecordSentAfterNs(int partition, long sinceNs) {
        return acks(partition).stream().filter(a -> a.sentNs() > sinceNs).mapToLong(Ack::ackedNs).min().orElse(0);
    }

    /** The longest time between two acknowledgements on {@code partition}, counting those from {@code sinceNs} on. */
    final long longestAckGapNs(int partition, long sinceNs) {
        long longest = 0;
        long previous = sinceNs;
        for (Ack ack : acks(partition).stream().filter(a -> a.ackedNs() > sinceNs)
                .sorted(Comparator.comparingLong(Ack::ackedNs)).toList()) {
            longest = Math.max(longest, ack.ackedNs() - previous);
            previous = ack.ackedNs();
        }
        return longest;
    }

    /** Acknowledgements per partition, errors, and the latest notices: what a failure message needs. */
    final String state() {
        StringBuilder out = new StringBuilder(name).append(" (").append(settings()).append("): acks per partition [");
        for (int p = 0; p < partitions; p++) {
            List<Ack> list = acks(p);
            out.append(p == 0 ? "" : ", ").append(list.size()).append(" (sent ").append(sentCount(p)).append(", last ack at offset ")
                    .append(list.isEmpty() ? "none" : Long.toString(list.get(list.size() - 1).offset())).append(')');
        }
        out.append("]; ").append(errorCount.get()).append(" errors ").append(errors()).append("; latest of ").append(noticeCount.get())
                .append(" notices:");
        notices().stream().skip(Math.max(0, notices.size() - 15)).forEach(n -> out.append("\n    ").append(n));
        return out.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}

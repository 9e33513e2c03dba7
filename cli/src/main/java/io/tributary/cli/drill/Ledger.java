package io.tributary.cli.drill;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The drill's accounting, a pure function of what the producer was told and what the consumer read.
 * Every record carries its sequence number (0, 1, 2, ... in send order) as its value, and sequence
 * {@code s} goes to partition {@code s % partitions}, so within a partition the sequence numbers rise
 * with send order.
 *
 * <ul>
 *   <li><b>Lost</b>: acknowledged, and found at no offset the consumer read.</li>
 *   <li><b>Duplicates</b>: extra copies; a sequence number found at two offsets counts one. Reading
 *       the same offset twice is not a duplicate: the log holds the record once.</li>
 *   <li><b>Reordered</b>: in a partition, in offset order, a record whose sequence number is below
 *       one read before it (a later copy of a duplicate is not counted again).</li>
 *   <li><b>Unacknowledged but written</b>: read, though the producer reported a failure or had no
 *       answer; Kafka allows it (the write may succeed after the client gave up).</li>
 * </ul>
 */
public final class Ledger {
    /** How many lost sequence numbers the report names; the count is always exact. */
    static final int SAMPLES_MAX = 10;

    private Ledger() {
    }

    /** The producer's acknowledgement of sequence {@code seq}: where it was written and when ({@code atMs}, drill time). */
    public record Ack(long seq, int partition, long offset, long atMs) {
    }

    /** The consumer read sequence {@code seq} at {@code partition}/{@code offset}. */
    public record Read(int partition, long offset, long seq) {
    }

    /** The outcome: counts, and the first lost sequence numbers as examples. */
    public record Accounting(long acknowledged, long consumed, long lost, List<Long> lostSamples, long duplicates,
            long reordered, long unacknowledgedButWritten) {
    }

    public static Accounting account(Collection<Ack> acks, Collection<Read> reads) {
        // One entry per offset: a record read twice at the same offset is in the log once.
        Map<Integer, TreeMap<Long, Long>> logs = new TreeMap<>();
        for (Read read : reads) {
            logs.computeIfAbsent(read.partition(), p -> new TreeMap<>()).put(read.offset(), read.seq());
        }
        Set<Long> written = new HashSet<>();
        long duplicates = 0;
        long reordered = 0;
        long consumed = 0;
        for (TreeMap<Long, Long> log : logs.values()) {
            long highestSeq = -1;
            for (long seq : log.values()) {
                consumed++;
                if (!written.add(seq)) {
                    duplicates++;
                    continue;
                }
                if (seq < highestSeq) {
                    reordered++;
                }
                highestSeq = Math.max(highestSeq, seq);
            }
        }
        Set<Long> acknowledged = new HashSet<>();
        List<Long> lost = new ArrayList<>();
        for (Ack ack : acks) {
            if (acknowledged.add(ack.seq()) && !written.contains(ack.seq())) {
                lost.add(ack.seq());
            }
        }
        lost.sort(Comparator.naturalOrder());
        long unacknowledged = written.stream().filter(seq -> !acknowledged.contains(seq)).count();
        return new Accounting(acknowledged.size(), consumed, lost.size(), List.copyOf(lost.subList(0, Math.min(SAMPLES_MAX, lost.size()))),
                duplicates, reordered, unacknowledged);
    }

    /** Groups acknowledgement times by partition, each list in time order, for {@link Windows}. */
    public static Map<Integer, List<Long>> ackTimesByPartition(Collection<Ack> acks) {
        Map<Integer, List<Long>> times = new TreeMap<>();
        for (Ack ack : acks) {
            times.computeIfAbsent(ack.partition(), p -> new ArrayList<>()).add(ack.atMs());
        }
        times.values().forEach(list -> list.sort(Comparator.naturalOrder()));
        return times;
    }
}

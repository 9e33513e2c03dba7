package io.tributary.bench.failover;

import io.tributary.bench.load.Ack;

import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The figures of one failover run, computed after it from what the producer saw ({@link Ack}) and what
 * the read-back found ({@link ReadBack.Stored}); no cluster needed, so each rule is tested on its own.
 */
final class FailoverAnalysis {

    /**
     * What the read-back says about the producer's records.
     *
     * @param lost       acknowledged records not found in their partition
     * @param duplicated extra copies: a value stored three times counts two
     * @param misplaced  acknowledged records stored at an offset other than the one acknowledged
     * @param failed     records whose callback reported an error
     * @param unanswered records whose callback never ran before the producer closed
     */
    record Integrity(long acknowledged, long lost, long duplicated, long misplaced, long failed, long unanswered) {
    }

    private FailoverAnalysis() {
    }

    /**
     * When the first record written by a leader newer than the one in place at the signal was
     * acknowledged: the epoch in place is the one of the last record acknowledged before the signal, and
     * a record's epoch is its batch's in the read-back. Empty when no record was acknowledged before the
     * signal (nothing to compare with) or none in a newer epoch after it.
     */
    static OptionalLong firstAckByNewLeaderNs(List<Ack> acks, List<ReadBack.Stored> stored, long signalNs) {
        Map<Long, Integer> epochAt = new HashMap<>();
        stored.forEach(s -> epochAt.put(s.offset(), s.leaderEpoch()));
        Ack lastBefore = null;
        for (Ack ack : acks) {
            if (ack.acknowledged() && ack.ackNs() - signalNs < 0 && epochAt.containsKey(ack.offset())
                    && (lastBefore == null || ack.ackNs() - lastBefore.ackNs() > 0)) {
                lastBefore = ack;
            }
        }
        if (lastBefore == null) {
            return OptionalLong.empty();
        }
        int epochBefore = epochAt.get(lastBefore.offset());
        long first = Long.MAX_VALUE;
        boolean found = false;
        for (Ack ack : acks) {
            Integer epoch = ack.acknowledged() ? epochAt.get(ack.offset()) : null;
            if (epoch != null && epoch > epochBefore && ack.ackNs() - signalNs >= 0 && (!found || ack.ackNs() - first < 0)) {
                first = ack.ackNs();
                found = true;
            }
        }
        return found ? OptionalLong.of(first) : OptionalLong.empty();
    }

    /**
     * The longest time any of {@code partitions} went without an acknowledgement within [fromNs, toNs]:
     * a gap counts when it ends in the window (so one that began before {@code fromNs} counts whole),
     * and a partition still silent at {@code toNs} counts up to it.
     */
    static long longestAckGapNs(Map<TopicPartition, List<Ack>> byPartition, Collection<TopicPartition> partitions,
                                long fromNs, long toNs) {
        long longest = 0;
        for (TopicPartition partition : partitions) {
            long[] times = byPartition.getOrDefault(partition, List.of()).stream().filter(Ack::acknowledged)
                    .mapToLong(Ack::ackNs).sorted().toArray();
            long previous = fromNs;
            for (long t : times) {
                if (t - fromNs < 0) {
                    previous = t;
                } else if (t - toNs <= 0) {
                    longest = Math.max(longest, t - previous);
                    previous = t;
                }
            }
            longest = Math.max(longest, toNs - previous);
        }
        return longest;
    }

    static Integrity integrity(List<Ack> acks, Map<TopicPartition, List<ReadBack.Stored>> stored) {
        Map<TopicPartition, Map<String, Long>> offsetOf = new HashMap<>();
        long duplicated = 0;
        for (Map.Entry<TopicPartition, List<ReadBack.Stored>> entry : stored.entrySet()) {
            Map<String, Long> offsets = new HashMap<>();
            for (ReadBack.Stored record : entry.getValue()) {
                if (offsets.putIfAbsent(record.value(), record.offset()) != null) {
                    duplicated++;
                }
            }
            offsetOf.put(entry.getKey(), offsets);
        }
        long acknowledged = 0;
        long lost = 0;
        long misplaced = 0;
        long failed = 0;
        long unanswered = 0;
        for (Ack ack : acks) {
            if (ack.acknowledged()) {
                acknowledged++;
                Long offset = offsetOf.getOrDefault(ack.partition(), Map.of()).get(ack.value());
                if (offset == null) {
                    lost++;
                } else if (offset != ack.offset()) {
                    misplaced++;
                }
            } else if (ack.error() != null) {
                failed++;
            } else {
                unanswered++;
            }
        }
        return new Integrity(acknowledged, lost, duplicated, misplaced, failed, unanswered);
    }
}

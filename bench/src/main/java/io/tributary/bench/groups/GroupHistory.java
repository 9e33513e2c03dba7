package io.tributary.bench.groups;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a group's members saw, judged after the run from their logs ({@link GroupMember}); no cluster
 * needed, so each rule is tested on its own. A record is <em>skipped</em> when no member consumed it; a
 * <em>redelivery</em> is a record consumed again after its first delivery; and a redelivery is
 * <em>below an acknowledged commit</em> when, before the poll that returned it began, some member had
 * a commit past that record acknowledged: the consumer resumed from an offset older than one the
 * coordinator had acknowledged, which is a lost commit. Invariant 6 wants that count at 0, and "nothing
 * skipped" wants the first at 0; redeliveries after the last acknowledged commit are the price of
 * committing after processing, and are counted, not judged.
 */
final class GroupHistory {

    /**
     * @param consumed                 records consumed, counting every delivery
     * @param skipped                  records in [from, to) of their partition that no member consumed
     * @param redelivered              deliveries after the first of the same record
     * @param redeliveredBelowCommit   redeliveries of a record below an offset acknowledged as committed before their poll
     * @param example                  the first such redelivery or skipped record, for the report; empty when none
     */
    record Verdict(long consumed, long skipped, long redelivered, long redeliveredBelowCommit, String example) {
    }

    private GroupHistory() {
    }

    static Verdict judge(Collection<GroupMember.Consumed> consumed, Collection<GroupMember.Commit> commits,
                         Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<GroupMember.Consumed> inOrder = new ArrayList<>(consumed);
        inOrder.sort(Comparator.comparingLong(GroupMember.Consumed::pollStartNs));
        Map<TopicPartition, Set<Long>> seen = new HashMap<>();
        long redelivered = 0;
        long below = 0;
        String example = "";
        for (GroupMember.Consumed c : inOrder) {
            if (seen.computeIfAbsent(c.partition(), p -> new HashSet<>()).add(c.offset())) {
                continue;
            }
            redelivered++;
            long committed = acknowledgedBefore(commits, c.partition(), c.pollStartNs());
            if (c.offset() < committed) {
                below++;
                if (example.isEmpty()) {
                    example = c.partition() + " offset " + c.offset() + " consumed again after a commit of " + committed
                            + " was acknowledged";
                }
            }
        }
        long skipped = 0;
        for (Map.Entry<TopicPartition, Long> range : from.entrySet()) {
            Set<Long> offsets = seen.getOrDefault(range.getKey(), Set.of());
            long end = to.getOrDefault(range.getKey(), range.getValue());
            for (long offset = range.getValue(); offset < end; offset++) {
                if (!offsets.contains(offset)) {
                    skipped++;
                    if (example.isEmpty()) {
                        example = range.getKey() + " offset " + offset + " never consumed";
                    }
                }
            }
        }
        return new Verdict(inOrder.size(), skipped, redelivered, below, example);
    }

    /** The highest offset of {@code partition} in a commit acknowledged before {@code beforeNs}; -1 when none. */
    static long acknowledgedBefore(Collection<GroupMember.Commit> commits, TopicPartition partition, long beforeNs) {
        long highest = -1;
        for (GroupMember.Commit commit : commits) {
            Long offset = commit.offsets().get(partition);
            if (offset != null && commit.acknowledged() && commit.endNs() - beforeNs < 0) {
                highest = Math.max(highest, offset);
            }
        }
        return highest;
    }

    /** The end of the first acknowledged commit that started at or after {@code sinceNs}; empty when none did. */
    static OptionalLong firstAcknowledgedSince(Collection<GroupMember.Commit> commits, long sinceNs) {
        return commits.stream().filter(c -> c.acknowledged() && c.startNs() - sinceNs >= 0)
                .mapToLong(GroupMember.Commit::endNs).min();
    }

    /** Whether every partition has been consumed up to (not including) its offset in {@code to}. */
    static boolean consumedTo(Collection<GroupMember.Consumed> consumed, Map<TopicPartition, Long> to) {
        Map<TopicPartition, Long> highest = new HashMap<>();
        consumed.forEach(c -> highest.merge(c.partition(), c.offset(), Math::max));
        return to.entrySet().stream().allMatch(e -> e.getValue() == 0 || highest.getOrDefault(e.getKey(), -1L) >= e.getValue() - 1);
    }
}

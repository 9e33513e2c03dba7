package io.tributary.e2e;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the members of one consumer group consumed and which of their commits were acknowledged, in
 * the order it happened, and the checks of issue 13 on it: an acknowledged commit is never lost (no
 * member ever receives a record below the highest acknowledged commit of its partition, so the only
 * redeliveries are records after the last acknowledged commit), and no record is skipped (every
 * offset below the end was consumed at least once).
 *
 * <p>The members record into it from their own poll threads; every method is synchronized, so the
 * journal's order is the order of the events as the test saw them. A member records an
 * acknowledgement right after {@code commitSync} returns and before its next {@code poll}, and with
 * the eager protocol a partition moves only once its old owner has rejoined from a later poll, so the
 * acknowledgement is always journalled before the next owner can read the partition.
 */
final class CommitJournal {
    /** Violations kept for the report; past that they are only counted. */
    private static final int VIOLATIONS_KEPT_MAX = 50;

    /** A commit {@code commitSync} acknowledged: the member, when the call started and returned (nanoTime), what it committed. */
    record AckedCommit(String member, long startedNs, long returnedNs, Map<TopicPartition, Long> offsets) {
    }

    /** Where a member began reading a partition it was assigned, the highest acknowledged commit then, and when (nanoTime). */
    record ResumePoint(String member, TopicPartition partition, long firstOffset, long ackedCommitThen, long atNs) {
    }

    private final Map<TopicPartition, Long> ackedCommit = new HashMap<>();
    private final Map<TopicPartition, BitSet> consumed = new HashMap<>();
    private final Map<TopicPartition, String> owner = new HashMap<>();
    /** Partitions assigned to a member whose first record has not arrived yet, by member. */
    private final Map<String, Set<TopicPartition>> awaitingFirstRecord = new HashMap<>();
    private final List<AckedCommit> ackedCommits = new ArrayList<>();
    private final List<ResumePoint> resumePoints = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private int violationCount;
    private long deliveries;
    private long redeliveries;

    synchronized void assigned(String member, Set<TopicPartition> partitions) {
        // A member that was removed learns it only at its next poll, so two members may briefly both
        // think they own a partition; that is the protocol, not a fault, and the latest assignment wins here.
        partitions.forEach(partition -> owner.put(partition, member));
        awaitingFirstRecord.computeIfAbsent(member, m -> new HashSet<>()).addAll(partitions);
    }

    synchronized void revoked(String member, Set<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            owner.remove(partition, member);
        }
        Set<TopicPartition> awaiting = awaitingFirstRecord.get(member);
        if (awaiting != null) {
            awaiting.removeAll(partitions);
        }
    }

    synchronized void consumed(String member, TopicPartition partition, long offset) {
        Set<TopicPartition> awaiting = awaitingFirstRecord.getOrDefault(member, Set.of());
        long acked = ackedCommit(partition);
        if (awaiting.remove(partition)) {
            resumePoints.add(new ResumePoint(member, partition, offset, acked, System.nanoTime()));
        }
        if (offset < acked) {
            violation(member + " received " + partition + " offset " + offset + ", below the acknowledged commit " + acked
                    + ": an acknowledged commit was lost");
        }
        deliveries++;
        BitSet seen = consumed.computeIfAbsent(partition, p -> new BitSet());
        if (seen.get(Math.toIntExact(offset))) {
            redeliveries++;
        }
        seen.set(Math.toIntExact(offset));
    }

    synchronized void acknowledged(String member, long startedNs, long returnedNs, Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, Long> committed = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        offsets.forEach((partition, offset) -> {
            long previous = ackedCommit(partition);
            if (offset.offset() < previous) {
                violation(member + " was acknowledged a commit of " + partition + " at " + offset.offset()
                        + ", below the earlier acknowledged " + previous);
            }
            BitSet seen = consumed.getOrDefault(partition, new BitSet());
            int firstGap = seen.nextClearBit(0);
            if (firstGap < offset.offset()) {
                violation(member + " committed " + partition + " at " + offset.offset() + " but offset " + firstGap
                        + " was never consumed: a record was skipped");
            }
            ackedCommit.put(partition, Math.max(previous, offset.offset()));
            committed.put(partition, offset.offset());
        });
        ackedCommits.add(new AckedCommit(member, startedNs, returnedNs, committed));
    }

    synchronized long ackedCommit(TopicPartition partition) {
        return ackedCommit.getOrDefault(partition, 0L);
    }

    synchronized int ackedCommitCount() {
        return ackedCommits.size();
    }

    /** The first acknowledged commit whose {@code commitSync} started after {@code sinceNs}, if any. */
    synchronized Optional<AckedCommit> firstAckedStartedAfter(long sinceNs) {
        return ackedCommits.stream().filter(c -> c.startedNs() - sinceNs > 0).findFirst();
    }

    synchronized Map<TopicPartition, String> owners() {
        return Map.copyOf(owner);
    }

    /** The lowest offset of {@code partition} below {@code endOffset} that no member consumed, or -1. */
    synchronized long firstNeverConsumed(TopicPartition partition, long endOffset) {
        int gap = consumed.getOrDefault(partition, new BitSet()).nextClearBit(0);
        return gap < endOffset ? gap : -1;
    }

    synchronized List<ResumePoint> resumePoints() {
        return List.copyOf(resumePoints);
    }

    synchronized long deliveries() {
        return deliveries;
    }

    synchronized long redeliveries() {
        return redeliveries;
    }

    synchronized List<String> violations() {
        List<String> kept = new ArrayList<>(violations);
        if (violationCount > kept.size()) {
            kept.add("... and " + (violationCount - kept.size()) + " more");
        }
        return kept;
    }

    private void violation(String message) {
        if (++violationCount <= VIOLATIONS_KEPT_MAX) {
            violations.add(message);
        }
    }
}

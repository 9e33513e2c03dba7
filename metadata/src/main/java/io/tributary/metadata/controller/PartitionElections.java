package io.tributary.metadata.controller;

import io.tributary.metadata.config.TopicConfigResolver;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.Replicas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * Leader election and ISR maintenance on the controller: the heart of failover (and the core of
 * the replication issue, so it is kept small and exhaustively tested).
 *
 * <p>The rules, as in KRaft:
 * <ul>
 *   <li>Only an active broker (registered, unfenced, not shutting down) may lead.</li>
 *   <li>A leader is chosen from the ISR, in replica order, so the preferred replica wins when it
 *       can. Only if no ISR member can lead and the topic's {@code unclean.leader.election.enable}
 *       is true may an active replica outside the ISR lead; the ISR then becomes that replica
 *       alone, because nothing else is known to match its log.</li>
 *   <li>When a broker goes away it leaves every ISR, except that an ISR never becomes empty: the
 *       last member stays, so that it is the one elected when it comes back.</li>
 *   <li>Every leader change bumps the leader epoch; every change bumps the partition epoch
 *       (replay checks both).</li>
 * </ul>
 */
final class PartitionElections {

    private static final Logger log = LoggerFactory.getLogger(PartitionElections.class);

    private final TopicConfigResolver configs;

    PartitionElections(TopicConfigResolver configs) {
        this.configs = configs;
    }

    /**
     * Moves every partition away from a broker that is going away (fenced, unregistered, shutting
     * down, or restarted): new leaders where it led, and out of every ISR it is in (unless last).
     * Adds the changes to {@code scratch}; the caller adds the broker's own record afterwards.
     */
    void removeBroker(Scratch scratch, int brokerId, String reason) {
        MetadataImage image = scratch.image();
        IntPredicate acceptable = id -> id != brokerId && image.isActiveBroker(id);
        for (TopicImage topic : image.topics().values()) {
            boolean unclean = configs.uncleanLeaderElectionEnabled(image, topic.name());
            for (int p = 0; p < topic.partitionCount(); p++) {
                PartitionRegistration part = topic.partitions().get(p);
                if (!part.isReplica(brokerId)) {
                    continue;
                }
                List<Integer> isr = new ArrayList<>(part.isr());
                isr.remove(Integer.valueOf(brokerId));
                if (isr.isEmpty()) {
                    isr = part.isr();
                }
                change(topic, p, part, isr, acceptable, unclean, reason + " of broker " + brokerId)
                        .ifPresent(scratch::add);
            }
        }
    }

    /**
     * A broker became active again: every partition without a leader in which it can now lead gets
     * one (clean if it, or another active replica, is in the ISR; unclean only if the topic allows).
     */
    void electForReturningBroker(Scratch scratch, int brokerId) {
        MetadataImage image = scratch.image();
        IntPredicate acceptable = image::isActiveBroker;
        for (TopicImage topic : image.topics().values()) {
            boolean unclean = configs.uncleanLeaderElectionEnabled(image, topic.name());
            for (int p = 0; p < topic.partitionCount(); p++) {
                PartitionRegistration part = topic.partitions().get(p);
                if (part.hasLeader() || !part.isReplica(brokerId)) {
                    continue;
                }
                change(topic, p, part, part.isr(), acceptable, unclean, "broker " + brokerId + " returned")
                        .ifPresent(scratch::add);
            }
        }
    }

    /**
     * The change that gives a partition the ISR {@code targetIsr} and a leader acceptable under the
     * rules above, or empty if nothing changes. The current leader is kept if it stays acceptable
     * and in the ISR.
     */
    static Optional<PartitionChangeRecord> change(TopicImage topic, int partition, PartitionRegistration part,
                                                  List<Integer> targetIsr, IntPredicate acceptable, boolean uncleanAllowed,
                                                  String reason) {
        List<Integer> isr = targetIsr;
        int leader = part.leader();
        if (leader == Replicas.NO_LEADER || !isr.contains(leader) || !acceptable.test(leader)) {
            leader = Replicas.NO_LEADER;
            for (int r : part.replicas()) {
                if (isr.contains(r) && acceptable.test(r)) {
                    leader = r;
                    break;
                }
            }
            if (leader == Replicas.NO_LEADER && uncleanAllowed) {
                for (int r : part.replicas()) {
                    if (acceptable.test(r)) {
                        leader = r;
                        isr = List.of(r);
                        log.warn("Unclean leader election for {}-{}: broker {} leads from outside the ISR {}; "
                                + "records it lacks are lost", topic.name(), partition, r, part.isr());
                        break;
                    }
                }
            }
        }
        return toRecord(topic, partition, part, isr, leader, reason);
    }

    /** The change record moving {@code part} to {@code isr}/{@code leader}, or empty if both are unchanged. */
    static Optional<PartitionChangeRecord> toRecord(TopicImage topic, int partition, PartitionRegistration part,
                                                    List<Integer> isr, int leader, String reason) {
        boolean isrChanges = !isr.equals(part.isr());
        boolean leaderChanges = leader != part.leader();
        if (!isrChanges && !leaderChanges) {
            return Optional.empty();
        }
        int leaderEpoch = leaderChanges ? part.leaderEpoch() + 1 : part.leaderEpoch();
        if (leaderChanges) {
            log.info("Partition {}-{}: leader {} -> {} in leader epoch {} (ISR {}): {}", topic.name(), partition,
                    part.leader(), leader, leaderEpoch, isr, reason);
        }
        return Optional.of(new PartitionChangeRecord(topic.id(), partition,
                isrChanges ? Optional.of(List.copyOf(isr)) : Optional.empty(),
                leaderChanges ? OptionalInt.of(leader) : OptionalInt.empty(),
                leaderEpoch, part.partitionEpoch() + 1));
    }

    /** Whether broker {@code brokerId} leads any partition: controlled shutdown waits until it leads none. */
    static boolean leadsAny(MetadataImage image, int brokerId) {
        for (TopicImage topic : image.topics().values()) {
            for (PartitionRegistration p : topic.partitions()) {
                if (p.leader() == brokerId) {
                    return true;
                }
            }
        }
        return false;
    }
}

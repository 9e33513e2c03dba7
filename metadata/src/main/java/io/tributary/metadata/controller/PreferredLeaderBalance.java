package io.tributary.metadata.controller;

import io.tributary.common.TopicPartition;
import io.tributary.metadata.controller.api.BalanceLeadersResponse;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The automatic preferred-leader rebalance ({@code auto.leader.rebalance.enable}), as Kafka decides it.
 *
 * <p>Why: after a broker stops and comes back, failover has moved its leaderships to the other
 * replicas, and nothing moves them back, so the load piles up on the brokers that stayed. The
 * preferred replica (the first of the replica list) is where placement spread leadership evenly.
 *
 * <p>The rule, per broker B: of the partitions whose preferred replica is B, count those another
 * broker leads (a partition with no leader does not count: moving it is the returning broker's
 * election, not a rebalance). When that count exceeds {@code percentage} percent of B's preferred
 * partitions, every one of them where B may lead (an active broker, in the ISR) is given back to B
 * with a new leader epoch. Below the threshold nothing moves, so a cluster does not churn leaders
 * for one stray partition. Pure: a function of the image, returning records.
 */
final class PreferredLeaderBalance {

    private final PartitionElections elections;

    PreferredLeaderBalance(PartitionElections elections) {
        this.elections = elections;
    }

    ControllerResult<BalanceLeadersResponse> balance(MetadataImage image, int percentage) {
        Map<Integer, int[]> counts = new TreeMap<>();
        for (TopicImage topic : image.topics().values()) {
            for (PartitionRegistration part : topic.partitions()) {
                int[] c = counts.computeIfAbsent(part.preferredLeader(), id -> new int[2]);
                c[0]++;
                if (ledElsewhere(part)) {
                    c[1]++;
                }
            }
        }
        Map<Integer, String> overThreshold = new TreeMap<>();
        for (var e : counts.entrySet()) {
            int total = e.getValue()[0];
            int elsewhere = e.getValue()[1];
            // elsewhere / total > percentage / 100, in integers
            if (elsewhere > 0 && elsewhere * 100L > (long) percentage * total && image.isActiveBroker(e.getKey())) {
                overThreshold.put(e.getKey(), "broker " + e.getKey() + " is preferred for " + total + " partition(s) of which others lead "
                        + elsewhere + " (" + (elsewhere * 100L / total) + "% > " + percentage + "%)");
            }
        }
        if (overThreshold.isEmpty()) {
            return ControllerResult.noRecords(BalanceLeadersResponse.NOTHING);
        }
        Scratch scratch = new Scratch(image);
        List<TopicPartition> moved = new ArrayList<>();
        Set<Integer> gainers = new TreeSet<>();
        for (TopicImage topic : image.topics().values()) {
            for (int p = 0; p < topic.partitionCount(); p++) {
                PartitionRegistration part = topic.partitions().get(p);
                int preferred = part.preferredLeader();
                if (!ledElsewhere(part) || !overThreshold.containsKey(preferred) || !part.inIsr(preferred)) {
                    continue;
                }
                elections.change(image, topic, p, part, image::isActiveBroker).preferredLeader(preferred)
                        .build("preferred leader rebalance").ifPresent(scratch::add);
                moved.add(topic.topicPartition(p));
                gainers.add(preferred);
            }
        }
        if (moved.isEmpty()) {
            return ControllerResult.noRecords(BalanceLeadersResponse.NOTHING);
        }
        List<String> reasons = new ArrayList<>();
        for (int id : gainers) {
            reasons.add(overThreshold.get(id));
        }
        return ControllerResult.of(scratch.records(), new BalanceLeadersResponse(moved, reasons));
    }

    private static boolean ledElsewhere(PartitionRegistration part) {
        return part.hasLeader() && part.leader() != part.preferredLeader();
    }
}

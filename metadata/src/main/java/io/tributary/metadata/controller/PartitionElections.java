package io.tributary.metadata.controller;

import io.tributary.metadata.config.TopicConfigResolver;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Leader election and ISR maintenance on the controller when brokers come and go: the heart of
 * failover. The rules themselves (ISR, eligible leader replicas, last known leader, unclean
 * election) are {@link PartitionChange}'s; this class decides which partitions a broker's
 * departure, return or unclean restart touches.
 *
 * <ul>
 *   <li>When a broker goes away (fenced, unregistered, shutting down) it leaves every ISR, which may
 *       become empty; if the ISR is then smaller than {@code min.insync.replicas} it joins the ELR,
 *       so it may lead again when it returns.</li>
 *   <li>A broker that restarted without a clean shutdown also leaves every ELR.</li>
 *   <li>A broker that becomes active again may give a leader to partitions that had none.</li>
 * </ul>
 */
final class PartitionElections {

    private final TopicConfigResolver configs;

    PartitionElections(TopicConfigResolver configs) {
        this.configs = configs;
    }

    /**
     * Moves every partition away from a broker that is going away (fenced, unregistered, shutting
     * down, or restarted): new leaders where it led, and out of every ISR it is in; with
     * {@code unclean}, out of every ELR too. Adds the changes to {@code scratch}; the caller adds the
     * broker's own record afterwards.
     */
    void removeBroker(Scratch scratch, int brokerId, boolean unclean, String reason) {
        MetadataImage image = scratch.image();
        IntPredicate mayLead = id -> id != brokerId && image.isActiveBroker(id);
        for (TopicImage topic : image.topics().values()) {
            for (int p = 0; p < topic.partitionCount(); p++) {
                PartitionRegistration part = topic.partitions().get(p);
                if (!part.isReplica(brokerId)) {
                    continue;
                }
                List<Integer> isr = new ArrayList<>(part.isr());
                isr.remove(Integer.valueOf(brokerId));
                PartitionChange change = change(image, topic, p, part, mayLead).isr(isr);
                if (unclean) {
                    change.uncleanlyStopped(brokerId);
                }
                change.build(reason + " of broker " + brokerId).ifPresent(scratch::add);
            }
        }
    }

    /**
     * A broker became active again: every partition without a leader in which it can now lead gets
     * one (from the ISR, the ELR or as the last known leader; unclean only if the topic allows).
     */
    void electForReturningBroker(Scratch scratch, int brokerId) {
        MetadataImage image = scratch.image();
        for (TopicImage topic : image.topics().values()) {
            for (int p = 0; p < topic.partitionCount(); p++) {
                PartitionRegistration part = topic.partitions().get(p);
                if (part.hasLeader() || !part.isReplica(brokerId)) {
                    continue;
                }
                change(image, topic, p, part, image::isActiveBroker).build("broker " + brokerId + " returned")
                        .ifPresent(scratch::add);
            }
        }
    }

    /**
     * After a change of configs in {@code scratch}: every partition whose topic's effective
     * {@code min.insync.replicas} changed has its ELR recomputed against the new value, in the same
     * batch. Lowered so that the ISR reaches it, the leader commits again without the ELR members,
     * so they are eligible no longer; raised, nothing committed since they left, so they stay.
     */
    void afterMinIsrChanges(MetadataImage before, Scratch scratch) {
        MetadataImage after = scratch.image();
        for (TopicImage topic : after.topics().values()) {
            if (configs.minInsyncReplicas(before, topic.name()) == configs.minInsyncReplicas(after, topic.name())) {
                continue;
            }
            for (int p = 0; p < topic.partitionCount(); p++) {
                PartitionRegistration part = scratch.image().topic(topic.id()).partitions().get(p);
                if (part.elr().isEmpty()) {
                    continue;
                }
                change(scratch.image(), topic, p, part, scratch.image()::isActiveBroker)
                        .build("min.insync.replicas changed").ifPresent(scratch::add);
            }
        }
    }

    /** A change of one partition under the topic's own min.insync.replicas and unclean election setting. */
    PartitionChange change(MetadataImage image, TopicImage topic, int partition, PartitionRegistration part, IntPredicate mayLead) {
        return new PartitionChange(topic, partition, part, configs.minInsyncReplicas(image, topic.name()), mayLead)
                .uncleanAllowed(configs.uncleanLeaderElectionEnabled(image, topic.name()));
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

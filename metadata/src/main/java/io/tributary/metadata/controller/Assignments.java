package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.PartitionRecord;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks on operator-given replica assignments, and the initial state of a new partition. */
final class Assignments {

    private Assignments() {
    }

    /**
     * Why a manual assignment of one partition is refused (INVALID_REPLICA_ASSIGNMENT, Kafka's
     * wording), or empty if it is acceptable: non-empty, no broker twice, every broker registered,
     * the topic's replication factor when one is expected, and at least one active broker.
     */
    static Optional<ApiError> check(MetadataImage image, int partition, List<Integer> replicas, int expectedReplicationFactor) {
        if (replicas == null || replicas.isEmpty()) {
            return invalid("The manual partition assignment includes an empty replica list for partition " + partition + ".");
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer broker : replicas) {
            if (broker == null || !seen.add(broker)) {
                return invalid("The manual partition assignment includes the broker " + broker + " more than once.");
            }
            if (image.broker(broker) == null) {
                return invalid("The manual partition assignment includes broker " + broker
                        + ", but no such broker is registered.");
            }
        }
        if (expectedReplicationFactor > 0 && replicas.size() != expectedReplicationFactor) {
            return invalid("The manual partition assignment includes a partition with " + replicas.size()
                    + " replica(s), but this is not consistent with previous partitions, which have "
                    + expectedReplicationFactor + " replica(s).");
        }
        if (replicas.stream().noneMatch(image::isActiveBroker)) {
            return invalid("All brokers specified in the manual partition assignment for partition " + partition
                    + " are fenced or in controlled shutdown.");
        }
        return Optional.empty();
    }

    private static Optional<ApiError> invalid(String message) {
        return Optional.of(ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT, message));
    }

    /**
     * A new partition's first state: the ISR is its active replicas (all of them, for automatic
     * placement), the leader the first of those in replica order, both epochs 0.
     */
    static PartitionRecord newPartition(MetadataImage image, TopicId topicId, int partition, List<Integer> replicas) {
        List<Integer> isr = new ArrayList<>();
        for (int r : replicas) {
            if (image.isActiveBroker(r)) {
                isr.add(r);
            }
        }
        if (isr.isEmpty()) {
            throw new IllegalStateException("partition " + partition + " has no active replica among " + replicas);
        }
        return new PartitionRecord(topicId, partition, replicas, isr, isr.get(0), 0, 0);
    }
}

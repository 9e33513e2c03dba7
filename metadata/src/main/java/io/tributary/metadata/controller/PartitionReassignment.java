package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.metadata.controller.api.AlterPartitionReassignmentsRequest;
import io.tributary.metadata.controller.api.AlterPartitionReassignmentsRequest.Reassignment;
import io.tributary.metadata.controller.api.AlterPartitionReassignmentsResponse;
import io.tributary.metadata.controller.api.AlterPartitionReassignmentsResponse.PartitionResult;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * AlterPartitionReassignments (KIP-455), as {@code kafka-reassign-partitions} and
 * {@code Admin.alterPartitionReassignments} send it. Moving a partition from replicas R to target T
 * happens in steps that each keep it available and lose nothing:
 * <ol>
 *   <li><b>Start</b> (this class): the replica set becomes T followed by R - T, with
 *       {@code addingReplicas} T - R and {@code removingReplicas} R - T. The leader stays; the
 *       adding replicas' brokers see themselves in the replica set and start following it.</li>
 *   <li><b>Catch up</b>: each adding replica joins the ISR through the leader's AlterPartition, like
 *       any follower that caught up.</li>
 *   <li><b>Switch and remove</b> ({@link PartitionChange}): the change that brings the last target
 *       replica into the ISR also makes T the replica set and drops the removing replicas from the
 *       ISR; a leader being removed hands over to the first target replica in the ISR, in the same
 *       record, with a new leader epoch. The removed brokers stop fetching and delete their copy.</li>
 * </ol>
 * A null target cancels: the replica set goes back to R (the replicas without the adding ones) and
 * the adding replicas leave the ISR; a cancellation that would leave no ISR member is refused rather
 * than made unclean. A new target while a reassignment is in progress starts from the current
 * (full) replica set, as Kafka does, so replicas that already caught up are not thrown away.
 *
 * <p>Errors follow Kafka: UNKNOWN_TOPIC_OR_PARTITION, INVALID_REPLICA_ASSIGNMENT (empty target,
 * a broker twice or unregistered, a replication factor change not allowed, an unclean cancel),
 * NO_REASSIGNMENT_IN_PROGRESS (cancelling where nothing moves).
 */
final class PartitionReassignment {

    private static final Logger log = LoggerFactory.getLogger(PartitionReassignment.class);

    private final PartitionElections elections;

    PartitionReassignment(PartitionElections elections) {
        this.elections = elections;
    }

    ControllerResult<AlterPartitionReassignmentsResponse> alter(MetadataImage image, AlterPartitionReassignmentsRequest request) {
        Scratch scratch = new Scratch(image);
        List<PartitionResult> results = new ArrayList<>();
        for (Reassignment r : request.reassignments()) {
            ApiError error = alterOne(scratch, r, request.allowReplicationFactorChange());
            if (!error.isSuccess()) {
                log.info("Refusing to reassign {}: {}", r.partition(), error);
            }
            results.add(new PartitionResult(r.partition(), error));
        }
        return ControllerResult.of(scratch.records(), new AlterPartitionReassignmentsResponse(results));
    }

    private ApiError alterOne(Scratch scratch, Reassignment r, boolean allowReplicationFactorChange) {
        MetadataImage image = scratch.image();
        TopicPartition tp = r.partition();
        TopicImage topic = image.topic(tp.topic());
        PartitionRegistration part = topic == null ? null : topic.partition(tp.partition());
        if (part == null) {
            return ApiError.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "Unable to find partition " + tp + ".");
        }
        PartitionChange change = elections.change(image, topic, tp.partition(), part, image::isActiveBroker);
        if (r.isCancel()) {
            if (!part.isReassigning()) {
                return ApiError.of(ErrorCode.NO_REASSIGNMENT_IN_PROGRESS, "No ongoing reassignment for partition " + tp + ".");
            }
            List<Integer> original = part.originalReplicas();
            if (part.isr().stream().noneMatch(original::contains)) {
                return ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT, "Unable to revert partition assignment for " + tp
                        + " because it would require an unclean leader election: no replica of " + original + " is in the ISR "
                        + part.isr() + ".");
            }
            change.replicas(original, List.of(), List.of());
            change.build("reassignment cancelled").ifPresent(scratch::add);
            log.info("Cancelled the reassignment of {}: replicas {} -> {}", tp, part.replicas(), original);
            return ApiError.NONE;
        }
        List<Integer> target = r.targetReplicas();
        ApiError invalid = validateTarget(image, tp, part, target, allowReplicationFactorChange);
        if (invalid != null) {
            return invalid;
        }
        List<Integer> current = part.replicas();
        List<Integer> adding = target.stream().filter(b -> !current.contains(b)).toList();
        List<Integer> removing = current.stream().filter(b -> !target.contains(b)).toList();
        List<Integer> replicas = new ArrayList<>(target);
        replicas.addAll(removing);
        change.replicas(replicas, adding, removing);
        change.build("reassignment to " + target).ifPresent(scratch::add);
        log.info("Reassigning {} from {} to {}: adding {}, removing {}", tp, current, target, adding, removing);
        return ApiError.NONE;
    }

    private static ApiError validateTarget(MetadataImage image, TopicPartition tp, PartitionRegistration part, List<Integer> target,
                                           boolean allowReplicationFactorChange) {
        if (target.isEmpty()) {
            return ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT, "The manual partition assignment of " + tp
                    + " includes an empty replica list.");
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer b : target) {
            if (b == null || b < 0) {
                return ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT, "The manual partition assignment of " + tp
                        + " includes an invalid broker id " + b + ".");
            }
            if (!seen.add(b)) {
                return ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT, "The manual partition assignment of " + tp
                        + " includes the broker " + b + " more than once.");
            }
            if (image.broker(b) == null) {
                return ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT, "The manual partition assignment of " + tp
                        + " includes broker " + b + ", but no such broker is registered.");
            }
        }
        if (!allowReplicationFactorChange && target.size() != part.originalReplicas().size()) {
            return ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT, "The replication factor of " + tp + " would change from "
                    + part.originalReplicas().size() + " to " + target.size() + ", which the request does not allow.");
        }
        return null;
    }
}

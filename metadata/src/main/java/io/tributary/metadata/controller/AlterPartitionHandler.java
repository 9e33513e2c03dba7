package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.AlterPartitionRequest;
import io.tributary.metadata.controller.api.AlterPartitionRequest.IsrMember;
import io.tributary.metadata.controller.api.AlterPartitionRequest.PartitionData;
import io.tributary.metadata.controller.api.AlterPartitionResponse;
import io.tributary.metadata.controller.api.AlterPartitionResponse.PartitionResult;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.PartitionChangeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * AlterPartition: a partition leader proposes a new ISR. The controller accepts it only if it was
 * computed from the current state: the sender is the leader, in the current leader epoch, from
 * the current partition epoch; and every member it adds is an active broker in the epoch the
 * leader saw. Checks and errors follow Kafka:
 * <ul>
 *   <li>stale or unknown sender broker epoch: STALE_BROKER_EPOCH for the whole request;</li>
 *   <li>unknown topic id UNKNOWN_TOPIC_ID; unknown partition UNKNOWN_TOPIC_OR_PARTITION;</li>
 *   <li>sender not the leader: NOT_LEADER_OR_FOLLOWER;</li>
 *   <li>leader epoch older than the current: FENCED_LEADER_EPOCH; newer: NOT_CONTROLLER (this
 *       controller is probably behind);</li>
 *   <li>partition epoch not the current: INVALID_UPDATE_VERSION;</li>
 *   <li>ISR not within the replicas, with duplicates, or without the leader: INVALID_REQUEST;</li>
 *   <li>a member fenced, shutting down, unregistered or in another broker epoch: INELIGIBLE_REPLICA.</li>
 * </ul>
 */
final class AlterPartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(AlterPartitionHandler.class);

    private final PartitionElections elections;

    AlterPartitionHandler(PartitionElections elections) {
        this.elections = elections;
    }

    ControllerResult<AlterPartitionResponse> handle(MetadataImage image, AlterPartitionRequest request) {
        BrokerRegistration sender = image.broker(request.brokerId());
        if (sender == null || (request.brokerEpoch() != -1 && sender.brokerEpoch() != request.brokerEpoch())) {
            String why = sender == null ? "No broker registration found for broker " + request.brokerId()
                    : "Expected broker epoch " + sender.brokerEpoch() + ", but got broker epoch " + request.brokerEpoch();
            return ControllerResult.noRecords(new AlterPartitionResponse(ApiError.of(ErrorCode.STALE_BROKER_EPOCH, why), List.of()));
        }
        Scratch scratch = new Scratch(image);
        List<AlterPartitionResponse.TopicResult> topics = new ArrayList<>();
        for (AlterPartitionRequest.TopicData topicData : request.topics()) {
            TopicImage topic = image.topic(topicData.topicId());
            List<PartitionResult> partitions = new ArrayList<>();
            for (PartitionData data : topicData.partitions()) {
                if (topic == null) {
                    partitions.add(PartitionResult.failed(data.partition(), ApiError.of(ErrorCode.UNKNOWN_TOPIC_ID,
                            "This server does not host this topic ID.")));
                    continue;
                }
                partitions.add(alterOne(scratch, topic, request.brokerId(), data));
            }
            topics.add(new AlterPartitionResponse.TopicResult(topicData.topicId(), partitions));
        }
        return ControllerResult.of(scratch.records(), new AlterPartitionResponse(ApiError.NONE, topics));
    }

    private PartitionResult alterOne(Scratch scratch, TopicImage topic, int brokerId, PartitionData data) {
        MetadataImage image = scratch.image();
        PartitionRegistration part = image.partition(topic.id(), data.partition());
        if (part == null) {
            return PartitionResult.failed(data.partition(), ApiError.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
                    "This server does not host this topic-partition."));
        }
        String tp = topic.name() + "-" + data.partition();
        Optional<ApiError> error = validate(image, tp, part, brokerId, data);
        if (error.isPresent()) {
            log.info("Rejecting AlterPartition from broker {} for {}: {}", brokerId, tp, error.get());
            return PartitionResult.failed(data.partition(), error.get());
        }
        List<Integer> newIsr = data.newIsr().stream().map(IsrMember::brokerId).toList();
        Optional<PartitionChangeRecord> change = elections.change(image, topic, data.partition(), part, image::isActiveBroker)
                .isr(newIsr).build("AlterPartition from the leader");
        if (change.isEmpty()) {
            return new PartitionResult(data.partition(), ApiError.NONE, part.leader(), part.leaderEpoch(), part.isr(),
                    part.partitionEpoch());
        }
        scratch.add(change.get());
        log.info("ISR of {} changes {} -> {} in partition epoch {} (leader {}, leader epoch {})", tp, part.isr(), newIsr,
                change.get().partitionEpoch(), part.leader(), part.leaderEpoch());
        return new PartitionResult(data.partition(), ApiError.NONE, part.leader(), part.leaderEpoch(), newIsr,
                change.get().partitionEpoch());
    }

    private static Optional<ApiError> validate(MetadataImage image, String tp, PartitionRegistration part, int brokerId,
                                               PartitionData data) {
        if (part.leader() != brokerId) {
            return Optional.of(ApiError.of(ErrorCode.NOT_LEADER_OR_FOLLOWER, "Broker " + brokerId + " is not the leader of "
                    + tp + "; the leader is " + part.leader() + "."));
        }
        if (data.leaderEpoch() < part.leaderEpoch()) {
            return Optional.of(ApiError.of(ErrorCode.FENCED_LEADER_EPOCH, "Leader epoch " + data.leaderEpoch() + " of " + tp
                    + " is older than the current leader epoch " + part.leaderEpoch() + "."));
        }
        if (data.leaderEpoch() > part.leaderEpoch()) {
            return Optional.of(ApiError.of(ErrorCode.NOT_CONTROLLER, "Leader epoch " + data.leaderEpoch() + " of " + tp
                    + " is newer than this controller's " + part.leaderEpoch() + "; it may no longer be the active controller."));
        }
        if (data.partitionEpoch() != part.partitionEpoch()) {
            return Optional.of(ApiError.of(ErrorCode.INVALID_UPDATE_VERSION, "Partition epoch " + data.partitionEpoch() + " of "
                    + tp + " is not the current partition epoch " + part.partitionEpoch() + "."));
        }
        Set<Integer> seen = new HashSet<>();
        for (IsrMember m : data.newIsr()) {
            if (!seen.add(m.brokerId())) {
                return Optional.of(ApiError.of(ErrorCode.INVALID_REQUEST, "The new ISR of " + tp + " lists broker "
                        + m.brokerId() + " twice."));
            }
            if (!part.isReplica(m.brokerId())) {
                return Optional.of(ApiError.of(ErrorCode.INVALID_REQUEST, "The new ISR of " + tp + " includes broker "
                        + m.brokerId() + ", which is not a replica " + part.replicas() + "."));
            }
        }
        if (!seen.contains(part.leader())) {
            return Optional.of(ApiError.of(ErrorCode.INVALID_REQUEST, "The new ISR of " + tp + " does not include the leader "
                    + part.leader() + "."));
        }
        for (IsrMember m : data.newIsr()) {
            BrokerRegistration b = image.broker(m.brokerId());
            String why = null;
            if (b == null) {
                why = "is not registered";
            } else if (b.fenced()) {
                why = "is fenced";
            } else if (b.inControlledShutdown()) {
                why = "is shutting down";
            } else if (m.brokerEpoch() != -1 && m.brokerEpoch() != b.brokerEpoch()) {
                why = "has broker epoch " + b.brokerEpoch() + ", not " + m.brokerEpoch();
            }
            if (why != null && !part.inIsr(m.brokerId())) {
                return Optional.of(ApiError.of(ErrorCode.INELIGIBLE_REPLICA, "Broker " + m.brokerId() + " cannot join the ISR of "
                        + tp + ": it " + why + "."));
            }
            if (why != null) {
                // A current member that is no longer eligible may not be kept either: the leader's view is stale.
                return Optional.of(ApiError.of(ErrorCode.INELIGIBLE_REPLICA, "Broker " + m.brokerId() + " cannot stay in the ISR of "
                        + tp + ": it " + why + "."));
            }
        }
        return Optional.empty();
    }
}

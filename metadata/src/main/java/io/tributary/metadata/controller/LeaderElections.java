package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.ElectLeadersRequest;
import io.tributary.metadata.controller.api.ElectLeadersResponse;
import io.tributary.metadata.controller.api.ElectLeadersResponse.PartitionResult;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.Replicas;

import java.util.ArrayList;
import java.util.List;

/**
 * ElectLeaders, as an operator runs it ({@code kafka-leader-election}):
 * <ul>
 *   <li>PREFERRED moves leadership to the first replica if it is an active ISR member
 *       (ELECTION_NOT_NEEDED if it already leads, PREFERRED_LEADER_NOT_AVAILABLE otherwise);</li>
 *   <li>UNCLEAN elects a leader for a partition that has none, from the ISR if any member is
 *       active, else from the eligible leader replicas, else the last known leader, else from any
 *       active replica, shrinking the ISR to it (ELECTION_NOT_NEEDED if it has a leader,
 *       ELIGIBLE_LEADERS_NOT_AVAILABLE if no replica is active).</li>
 * </ul>
 */
final class LeaderElections {

    private final PartitionElections elections;

    LeaderElections(PartitionElections elections) {
        this.elections = elections;
    }

    ControllerResult<ElectLeadersResponse> elect(MetadataImage image, ElectLeadersRequest request) {
        List<TopicPartition> targets = request.partitions();
        if (targets == null) {
            targets = new ArrayList<>();
            for (TopicImage t : image.topics().values()) {
                for (int p = 0; p < t.partitionCount(); p++) {
                    targets.add(t.topicPartition(p));
                }
            }
        }
        Scratch scratch = new Scratch(image);
        List<PartitionResult> results = new ArrayList<>();
        for (TopicPartition tp : targets) {
            results.add(new PartitionResult(tp, electOne(scratch, request.type(), tp)));
        }
        return ControllerResult.of(scratch.records(), new ElectLeadersResponse(results));
    }

    private ApiError electOne(Scratch scratch, ElectLeadersRequest.ElectionType type, TopicPartition tp) {
        MetadataImage image = scratch.image();
        TopicImage topic = image.topic(tp.topic());
        PartitionRegistration part = topic == null ? null : topic.partition(tp.partition());
        if (part == null) {
            return ApiError.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "No such partition as " + tp + ".");
        }
        if (type == ElectLeadersRequest.ElectionType.PREFERRED) {
            int preferred = part.preferredLeader();
            if (part.leader() == preferred) {
                return ApiError.of(ErrorCode.ELECTION_NOT_NEEDED, "Leader election not needed for " + tp
                        + ": the preferred replica " + preferred + " already leads.");
            }
            if (!part.inIsr(preferred) || !image.isActiveBroker(preferred)) {
                return ApiError.of(ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE, "Failed to elect leader for partition " + tp
                        + " under strategy PreferredReplicaPartitionLeaderElectionStrategy: the preferred replica " + preferred
                        + " is " + (part.inIsr(preferred) ? "not an active broker." : "not in the ISR " + part.isr() + "."));
            }
            elections.change(image, topic, tp.partition(), part, image::isActiveBroker).preferredLeader(preferred)
                    .build("preferred leader election").ifPresent(scratch::add);
            return ApiError.NONE;
        }
        if (part.hasLeader()) {
            return ApiError.of(ErrorCode.ELECTION_NOT_NEEDED, "Leader election not needed for " + tp + ": broker "
                    + part.leader() + " leads it.");
        }
        var change = elections.change(image, topic, tp.partition(), part, image::isActiveBroker).uncleanAllowed(true)
                .build("unclean leader election requested");
        if (change.isEmpty() || change.get().leader().orElse(Replicas.NO_LEADER) == Replicas.NO_LEADER) {
            return ApiError.of(ErrorCode.ELIGIBLE_LEADERS_NOT_AVAILABLE, "Failed to elect leader for partition " + tp
                    + " under strategy UncleanPartitionLeaderElectionStrategy: no replica of " + part.replicas() + " is active.");
        }
        scratch.add(change.get());
        return ApiError.NONE;
    }
}

package io.tributary.broker.handler;

import io.tributary.broker.image.MetadataView;
import io.tributary.common.ErrorCode;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.wire.api.findcoordinator.FindCoordinatorRequest;
import io.tributary.wire.api.findcoordinator.FindCoordinatorResponse;
import io.tributary.wire.api.findcoordinator.FindCoordinatorResponse.Coordinator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * FindCoordinator: for each group id, the leader of its partition of {@value InternalTopics#CONSUMER_OFFSETS}
 * ({@link InternalTopics#consumerOffsetsPartition}), with its endpoint on the listener the request came
 * in on. Every broker answers from its own metadata image, so the answer follows the partition's
 * leader as soon as this broker learns of a change.
 *
 * <p>When the topic does not exist yet, the first lookup creates it ({@link ConsumerOffsetsCreator}) and
 * is answered from the image once the creation is over. A group whose partition has no leader, or whose
 * leader has no endpoint on the listener, gets {@code COORDINATOR_NOT_AVAILABLE}, which clients retry.
 * Transactions are not implemented, so a transactional id gets {@code TRANSACTIONAL_ID_AUTHORIZATION_FAILED},
 * as InitProducerId answers it (the producer fails at once instead of retrying until it times out);
 * share groups (KIP-932) and unknown key types get {@code INVALID_REQUEST}. A v4+ request is answered
 * key by key.
 */
public final class FindCoordinatorHandler implements ApiHandler<FindCoordinatorRequest, FindCoordinatorResponse> {

    private final MetadataView metadata;
    private final ConsumerOffsetsCreator creator;

    public FindCoordinatorHandler(MetadataView metadata, ConsumerOffsetsCreator creator) {
        this.metadata = metadata;
        this.creator = creator;
    }

    @Override
    public CompletableFuture<FindCoordinatorResponse> handle(RequestContext ctx, FindCoordinatorRequest request) {
        return switch (request.keyType()) {
            case GROUP -> groups(ctx, request.keys());
            case TRANSACTION -> failAll(request.keys(), ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
                    "Tributary does not implement transactions");
            case SHARE -> failAll(request.keys(), ErrorCode.INVALID_REQUEST, "Tributary does not implement share groups");
            case UNKNOWN -> failAll(request.keys(), ErrorCode.INVALID_REQUEST, "unknown coordinator key type");
        };
    }

    private CompletableFuture<FindCoordinatorResponse> groups(RequestContext ctx, List<String> groupIds) {
        MetadataImage image = metadata.image();
        if (image.topic(InternalTopics.CONSUMER_OFFSETS) != null) {
            return CompletableFuture.completedFuture(answer(image, ctx.listenerName(), groupIds));
        }
        return creator.create(image).thenApply(created -> answer(metadata.image(), ctx.listenerName(), groupIds));
    }

    private static FindCoordinatorResponse answer(MetadataImage image, String listener, List<String> groupIds) {
        TopicImage offsets = image.topic(InternalTopics.CONSUMER_OFFSETS);
        List<Coordinator> out = new ArrayList<>(groupIds.size());
        for (String groupId : groupIds) {
            out.add(offsets == null
                    ? Coordinator.failed(groupId, ErrorCode.COORDINATOR_NOT_AVAILABLE, InternalTopics.CONSUMER_OFFSETS + " does not exist yet")
                    : coordinator(image, offsets, listener, groupId));
        }
        return new FindCoordinatorResponse(0, out);
    }

    private static Coordinator coordinator(MetadataImage image, TopicImage offsets, String listener, String groupId) {
        int partition = InternalTopics.consumerOffsetsPartition(groupId, offsets.partitionCount());
        PartitionRegistration reg = offsets.partition(partition);
        if (!reg.hasLeader()) {
            return Coordinator.failed(groupId, ErrorCode.COORDINATOR_NOT_AVAILABLE,
                    InternalTopics.CONSUMER_OFFSETS + "-" + partition + " has no leader");
        }
        BrokerRegistration leader = image.broker(reg.leader());
        Optional<BrokerEndpoint> endpoint = leader == null || leader.fenced() ? Optional.empty() : leader.endpoint(listener);
        if (endpoint.isEmpty()) {
            return Coordinator.failed(groupId, ErrorCode.COORDINATOR_NOT_AVAILABLE,
                    "the leader of " + InternalTopics.CONSUMER_OFFSETS + "-" + partition + " is not reachable on listener " + listener);
        }
        return Coordinator.found(groupId, reg.leader(), endpoint.get().host(), endpoint.get().port());
    }

    private static CompletableFuture<FindCoordinatorResponse> failAll(List<String> keys, ErrorCode error, String message) {
        List<Coordinator> out = new ArrayList<>(keys.size());
        for (String key : keys) {
            out.add(Coordinator.failed(key, error, message));
        }
        return CompletableFuture.completedFuture(new FindCoordinatorResponse(0, out));
    }
}

package io.tributary.broker.handler;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.image.MetadataView;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.wire.api.TopicRef;
import io.tributary.wire.api.metadata.MetadataRequest;
import io.tributary.wire.api.metadata.MetadataResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Metadata: live brokers (with the endpoint of the listener the request came in on), topics with
 * ids, partitions with leader, epoch, replicas and ISR. A topic that does not exist is created first
 * when {@code auto.create.topics.enable} is on and the request allows it; the answer then describes
 * the new topic, so the client does not need a second round trip. As in Kafka, this also creates
 * {@code __consumer_offsets}, with its own partition count and replication factor (capped at the live
 * brokers; {@link InternalTopics#consumerOffsets}); {@code __transaction_state} is left to
 * a transaction coordinator, which Tributary does not have yet.
 */
public final class MetadataHandler implements ApiHandler<MetadataRequest, MetadataResponse> {

    private static final long AUTO_CREATE_TIMEOUT_MS = 10_000;

    private final MetadataView metadata;
    private final ControllerChannel controller;
    private final ControllerIdView controllerId;
    private final boolean autoCreateTopicsEnable;
    private final int offsetsTopicNumPartitions;
    private final int offsetsTopicReplicationFactor;

    /**
     * @param offsetsTopicNumPartitions     {@code offsets.topic.num.partitions}
     * @param offsetsTopicReplicationFactor {@code offsets.topic.replication.factor}
     */
    public MetadataHandler(MetadataView metadata, ControllerChannel controller, ControllerIdView controllerId,
                           boolean autoCreateTopicsEnable, int offsetsTopicNumPartitions, int offsetsTopicReplicationFactor) {
        this.metadata = metadata;
        this.controller = controller;
        this.controllerId = controllerId;
        this.autoCreateTopicsEnable = autoCreateTopicsEnable;
        this.offsetsTopicNumPartitions = offsetsTopicNumPartitions;
        this.offsetsTopicReplicationFactor = offsetsTopicReplicationFactor;
    }

    /** Only {@code __consumer_offsets} of the internal topics is created on a client's Metadata request. */
    private static boolean autoCreatable(String name) {
        return !InternalTopics.isInternal(name) || InternalTopics.CONSUMER_OFFSETS.equals(name);
    }

    @Override
    public CompletableFuture<MetadataResponse> handle(RequestContext ctx, MetadataRequest request) {
        MetadataImage image = metadata.image();
        Set<String> toCreate = new LinkedHashSet<>();
        if (!request.allTopics() && autoCreateTopicsEnable && request.allowAutoTopicCreation()) {
            for (TopicRef ref : request.topics()) {
                if (ref.name() != null && image.topic(ref.name()) == null && autoCreatable(ref.name())) {
                    toCreate.add(ref.name());
                }
            }
        }
        if (toCreate.isEmpty()) {
            return CompletableFuture.completedFuture(answer(ctx, request, image, Map.of()));
        }
        List<CreateTopicsRequest.Topic> topics = new ArrayList<>();
        for (String name : toCreate) {
            topics.add(InternalTopics.CONSUMER_OFFSETS.equals(name)
                    ? InternalTopics.consumerOffsets(offsetsTopicNumPartitions, offsetsTopicReplicationFactor, image)
                    : CreateTopicsRequest.Topic.of(name, -1, -1));
        }
        return controller.createTopics(new CreateTopicsRequest(topics, false))
                .orTimeout(AUTO_CREATE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .handle((resp, error) -> {
                    Map<String, ErrorCode> failures = new HashMap<>();
                    if (error != null) {
                        for (String name : toCreate) {
                            failures.put(name, ErrorCode.LEADER_NOT_AVAILABLE);
                        }
                    } else {
                        for (CreateTopicsResponse.TopicResult r : resp.topics()) {
                            ErrorCode code = r.error().code();
                            if (code != ErrorCode.NONE && code != ErrorCode.TOPIC_ALREADY_EXISTS) {
                                failures.put(r.name(), code == ErrorCode.INVALID_TOPIC_EXCEPTION ? code : ErrorCode.LEADER_NOT_AVAILABLE);
                            }
                        }
                    }
                    return answer(ctx, request, metadata.image(), failures);
                });
    }

    private MetadataResponse answer(RequestContext ctx, MetadataRequest request, MetadataImage image,
                                    Map<String, ErrorCode> createFailures) {
        String listener = ctx.listenerName();
        List<MetadataResponse.Broker> brokers = new ArrayList<>();
        for (BrokerRegistration b : image.brokers().values()) {
            if (b.fenced()) {
                continue;
            }
            Optional<BrokerEndpoint> ep = b.endpoint(listener);
            ep.ifPresent(e -> brokers.add(new MetadataResponse.Broker(b.brokerId(), e.host(), e.port(), b.rack())));
        }
        List<MetadataResponse.Topic> topics = new ArrayList<>();
        int topicOps = request.includeTopicAuthorizedOperations() ? AuthorizedOperations.TOPIC : MetadataResponse.OPERATIONS_OMITTED;
        if (request.allTopics()) {
            for (TopicImage t : image.topics().values()) {
                topics.add(describe(t, image, listener, topicOps));
            }
        } else {
            for (TopicRef ref : request.topics()) {
                TopicImage t = ref.name() != null ? image.topic(ref.name()) : image.topic(ref.id());
                if (t != null) {
                    topics.add(describe(t, image, listener, topicOps));
                    continue;
                }
                ErrorCode e;
                if (ref.name() == null) {
                    e = ErrorCode.UNKNOWN_TOPIC_ID;
                } else {
                    e = createFailures.getOrDefault(ref.name(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
                }
                topics.add(new MetadataResponse.Topic(e, ref.name(), ref.name() == null ? ref.id() : TopicId.ZERO,
                        ref.name() != null && InternalTopics.isInternal(ref.name()), List.of(), topicOps));
            }
        }
        int clusterOps = request.includeClusterAuthorizedOperations() ? AuthorizedOperations.CLUSTER : MetadataResponse.OPERATIONS_OMITTED;
        // Clients cannot reach a KRaft controller directly, so, like Kafka, name a live broker (ControllerIdView).
        return new MetadataResponse(0, brokers, image.clusterId().orElse(null), controllerId.controllerId(image, listener), topics,
                clusterOps, ErrorCode.NONE);
    }

    private static MetadataResponse.Topic describe(TopicImage t, MetadataImage image, String listener, int topicOps) {
        List<MetadataResponse.Partition> parts = new ArrayList<>(t.partitionCount());
        for (int i = 0; i < t.partitionCount(); i++) {
            PartitionRegistration reg = t.partition(i);
            ErrorCode e = partitionError(reg, image, listener);
            parts.add(new MetadataResponse.Partition(e, i, reg.leader(), reg.leaderEpoch(), reg.replicas(), reg.isr(),
                    image.offlineReplicas(reg)));
        }
        return new MetadataResponse.Topic(ErrorCode.NONE, t.name(), t.id(), InternalTopics.isInternal(t.name()), parts, topicOps);
    }

    /**
     * A partition's error in Metadata and DescribeTopicPartitions answers: LEADER_NOT_AVAILABLE without
     * a leader, LISTENER_NOT_FOUND when the leader has no endpoint on the client's listener.
     */
    static ErrorCode partitionError(PartitionRegistration reg, MetadataImage image, String listener) {
        if (!reg.hasLeader()) {
            return ErrorCode.LEADER_NOT_AVAILABLE;
        }
        BrokerRegistration leader = image.broker(reg.leader());
        return leader == null || leader.endpoint(listener).isEmpty() ? ErrorCode.LISTENER_NOT_FOUND : ErrorCode.NONE;
    }
}

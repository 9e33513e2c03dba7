package io.tributary.broker.handler;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.image.MetadataImage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates {@value InternalTopics#CONSUMER_OFFSETS} when a group first needs it, as Kafka does on the
 * first FindCoordinator for a group (whatever {@code auto.create.topics.enable} says: the topic is the
 * broker's, not the client's). At most one creation is in flight per broker: every consumer of a new
 * cluster asks at once, and they all wait on the same request instead of each sending one.
 */
public final class ConsumerOffsetsCreator {

    private static final Logger log = LoggerFactory.getLogger(ConsumerOffsetsCreator.class);
    private static final long CREATE_TIMEOUT_MS = 10_000;

    private final ControllerChannel controller;
    private final int numPartitions;
    private final int replicationFactor;
    private final AtomicReference<CompletableFuture<Void>> inFlight = new AtomicReference<>();

    /**
     * @param numPartitions     {@code offsets.topic.num.partitions}
     * @param replicationFactor {@code offsets.topic.replication.factor}, capped at the live brokers on creation
     */
    public ConsumerOffsetsCreator(ControllerChannel controller, int numPartitions, int replicationFactor) {
        this.controller = controller;
        this.numPartitions = numPartitions;
        this.replicationFactor = replicationFactor;
    }

    /**
     * Asks the controller to create the topic, or joins the request already asking. Completes, never
     * exceptionally, once the attempt is over (the topic is then in this broker's image, unless it
     * failed, which is logged); callers read the image again to learn which.
     */
    public CompletableFuture<Void> create(MetadataImage image) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        CreateTopicsRequest.Topic topic = InternalTopics.consumerOffsets(numPartitions, replicationFactor, image);
        log.info("Creating {} with {} partitions and replication factor {} for a group's first coordinator lookup",
                InternalTopics.CONSUMER_OFFSETS, topic.numPartitions(), topic.replicationFactor());
        controller.createTopics(new CreateTopicsRequest(List.of(topic), false))
                .orTimeout(CREATE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .whenComplete((response, error) -> {
                    String failure = failure(response, error);
                    if (failure != null) {
                        log.warn("Could not create {}: {}; coordinator lookups answer COORDINATOR_NOT_AVAILABLE and clients retry",
                                InternalTopics.CONSUMER_OFFSETS, failure);
                    }
                    inFlight.set(null);
                    mine.complete(null);
                });
        return mine;
    }

    /** Why the creation failed, or null if the topic exists now (made by us, or by someone else first). */
    private static String failure(CreateTopicsResponse response, Throwable error) {
        if (error != null) {
            return error.toString();
        }
        for (CreateTopicsResponse.TopicResult r : response.topics()) {
            ErrorCode code = r.error().code();
            if (code != ErrorCode.NONE && code != ErrorCode.TOPIC_ALREADY_EXISTS) {
                return code + (r.error().message() == null ? "" : " (" + r.error().message() + ")");
            }
        }
        return null;
    }
}

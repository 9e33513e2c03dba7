package io.tributary.broker.cluster;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.net.client.ControllerClient;
import io.tributary.metadata.controller.api.AllocateProducerIdsRequest;
import io.tributary.metadata.controller.api.AllocateProducerIdsResponse;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.ControllerCommand;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.wire.api.allocateproducerids.AllocateProducerIdsClientCodec;
import io.tributary.wire.api.createtopics.CreateTopicsClientCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link ControllerChannel} of a broker in a cluster: the commands a broker issues on its own
 * behalf, sent to the active controller over the network, for the handlers that use the seam:
 * <ul>
 *   <li>CreateTopics, for topics auto-created by Metadata; the answer comes once this broker's image
 *       has caught up with the controller ({@link ControllerCatchUp}), so the Metadata answer describes
 *       the new topic. The per-topic configs of the controller's answer are not carried back (the wire
 *       answer lacks their types and docs); nothing that uses this channel reads them.</li>
 *   <li>AllocateProducerIds, for InitProducerId.</li>
 * </ul>
 * Clients' admin requests do not come this way: {@link ForwardingHandler} forwards them as they came.
 * Any other command fails with {@link UnsupportedOperationException}.
 */
public final class RemoteControllerChannel implements ControllerChannel {

    /** How long one of these commands may take, the controller's discovery included. */
    static final long TIMEOUT_MS = 10_000;

    private final ControllerClient controller;
    private final ControllerCatchUp catchUp;

    public RemoteControllerChannel(ControllerClient controller, ControllerCatchUp catchUp) {
        this.controller = controller;
        this.catchUp = catchUp;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> submit(ControllerCommand<R> command) {
        if (command instanceof CreateTopicsRequest c) {
            return (CompletableFuture<R>) createTopics(c);
        }
        if (command instanceof AllocateProducerIdsRequest c) {
            return (CompletableFuture<R>) allocateProducerIds(c);
        }
        return CompletableFuture.failedFuture(new UnsupportedOperationException(command.getClass().getSimpleName()
                + " is not sent to a remote controller through this channel"));
    }

    @Override
    public CompletableFuture<CreateTopicsResponse> createTopics(CreateTopicsRequest request) {
        List<io.tributary.wire.api.createtopics.CreateTopicsRequest.Topic> topics = new ArrayList<>();
        for (CreateTopicsRequest.Topic t : request.topics()) {
            List<io.tributary.wire.api.createtopics.CreateTopicsRequest.Assignment> assignments = new ArrayList<>();
            for (Map.Entry<Integer, List<Integer>> a : t.assignments().entrySet()) {
                assignments.add(new io.tributary.wire.api.createtopics.CreateTopicsRequest.Assignment(a.getKey(), a.getValue()));
            }
            List<io.tributary.wire.api.createtopics.CreateTopicsRequest.Config> configs = new ArrayList<>();
            for (Map.Entry<String, String> c : t.configs().entrySet()) {
                configs.add(new io.tributary.wire.api.createtopics.CreateTopicsRequest.Config(c.getKey(), c.getValue()));
            }
            topics.add(new io.tributary.wire.api.createtopics.CreateTopicsRequest.Topic(t.name(), t.numPartitions(),
                    (short) t.replicationFactor(), assignments, configs));
        }
        var wire = new io.tributary.wire.api.createtopics.CreateTopicsRequest(topics, (int) TIMEOUT_MS, request.validateOnly());
        long startNs = System.nanoTime();
        return controller.send(CreateTopicsClientCodec.INSTANCE, wire, TIMEOUT_MS)
                .thenCompose(r -> catchUp.await(Math.max(1, TIMEOUT_MS - (System.nanoTime() - startNs) / 1_000_000L)).thenApply(v -> r))
                .thenApply(r -> new CreateTopicsResponse(r.topics().stream()
                        .map(t -> new CreateTopicsResponse.TopicResult(t.name(), t.topicId(), new ApiError(t.error(), t.errorMessage()),
                                t.numPartitions(), t.replicationFactor(), List.of()))
                        .toList()));
    }

    @Override
    public CompletableFuture<AllocateProducerIdsResponse> allocateProducerIds(AllocateProducerIdsRequest request) {
        var wire = new io.tributary.wire.api.allocateproducerids.AllocateProducerIdsRequest(request.brokerId(), request.brokerEpoch());
        return controller.send(AllocateProducerIdsClientCodec.INSTANCE, wire, TIMEOUT_MS)
                .thenApply(r -> new AllocateProducerIdsResponse(new ApiError(r.error(), null), r.producerIdStart(), r.producerIdLen()));
    }
}

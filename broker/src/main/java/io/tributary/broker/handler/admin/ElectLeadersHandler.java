package io.tributary.broker.handler.admin;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.ControllerErrors;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.wire.api.electleaders.ElectLeadersRequest;
import io.tributary.wire.api.electleaders.ElectLeadersResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * ElectLeaders ({@code kafka-leader-election}, {@code Admin.electLeaders}): preferred or unclean
 * elections for the named partitions (or every partition), decided by the controller. It serves the
 * CONTROLLER listener and a one-node cluster's client listener alike, over a {@link ControllerChannel};
 * a cluster broker forwards the request instead. An election type the controller does not know is
 * refused as a whole with {@code INVALID_REQUEST}; a controller that fails or does not answer within
 * the request's timeout is answered as a whole with the retriable error a client should see.
 */
public final class ElectLeadersHandler implements ApiHandler<ElectLeadersRequest, ElectLeadersResponse> {

    private final ControllerChannel controller;

    public ElectLeadersHandler(ControllerChannel controller) {
        this.controller = controller;
    }

    @Override
    public CompletableFuture<ElectLeadersResponse> handle(RequestContext ctx, ElectLeadersRequest request) {
        io.tributary.metadata.controller.api.ElectLeadersRequest.ElectionType type = switch (request.electionType()) {
            case PREFERRED -> io.tributary.metadata.controller.api.ElectLeadersRequest.ElectionType.PREFERRED;
            case UNCLEAN -> io.tributary.metadata.controller.api.ElectLeadersRequest.ElectionType.UNCLEAN;
            default -> null;
        };
        if (type == null) {
            return CompletableFuture.completedFuture(new ElectLeadersResponse(0, ErrorCode.INVALID_REQUEST, List.of()));
        }
        List<TopicPartition> partitions = null;
        if (!request.allPartitions()) {
            partitions = new ArrayList<>();
            for (ElectLeadersRequest.TopicPartitions t : request.topicPartitions()) {
                for (int p : t.partitions()) {
                    partitions.add(new TopicPartition(t.topic(), p));
                }
            }
        }
        return controller.submit(new io.tributary.metadata.controller.api.ElectLeadersRequest(type, partitions))
                .orTimeout(Math.max(1, request.timeoutMs()), TimeUnit.MILLISECONDS)
                .handle((r, error) -> {
                    if (error != null) {
                        return new ElectLeadersResponse(0, ControllerErrors.toApiError(error).code(), List.of());
                    }
                    Map<String, List<ElectLeadersResponse.PartitionResult>> byTopic = new LinkedHashMap<>();
                    for (var p : r.partitions()) {
                        byTopic.computeIfAbsent(p.partition().topic(), k -> new ArrayList<>()).add(
                                new ElectLeadersResponse.PartitionResult(p.partition().partition(), p.error().code(), p.error().message()));
                    }
                    List<ElectLeadersResponse.TopicResult> results = new ArrayList<>();
                    byTopic.forEach((topic, parts) -> results.add(new ElectLeadersResponse.TopicResult(topic, parts)));
                    return new ElectLeadersResponse(0, ErrorCode.NONE, results);
                });
    }
}

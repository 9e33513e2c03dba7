package io.tributary.broker.handler.admin;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.ControllerErrors;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.metadata.controller.api.AlterPartitionReassignmentsRequest.Reassignment;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.wire.api.reassignments.AlterPartitionReassignmentsRequest;
import io.tributary.wire.api.reassignments.AlterPartitionReassignmentsResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * AlterPartitionReassignments ({@code kafka-reassign-partitions --execute/--cancel},
 * {@code Admin.alterPartitionReassignments}): starts or cancels moves of replicas, decided by the
 * controller (docs/design/reassignment.md). It serves the CONTROLLER listener and a one-node
 * cluster's client listener alike, over a {@link ControllerChannel}; a cluster broker forwards the
 * request instead. A controller that fails or does not answer within the request's timeout is
 * answered as a whole, and in every partition, with the error a client should see.
 */
public final class AlterPartitionReassignmentsHandler
        implements ApiHandler<AlterPartitionReassignmentsRequest, AlterPartitionReassignmentsResponse> {

    private final ControllerChannel controller;

    public AlterPartitionReassignmentsHandler(ControllerChannel controller) {
        this.controller = controller;
    }

    @Override
    public CompletableFuture<AlterPartitionReassignmentsResponse> handle(RequestContext ctx, AlterPartitionReassignmentsRequest request) {
        List<Reassignment> moves = new ArrayList<>();
        for (AlterPartitionReassignmentsRequest.Topic t : request.topics()) {
            for (AlterPartitionReassignmentsRequest.Partition p : t.partitions()) {
                moves.add(new Reassignment(new TopicPartition(t.name(), p.partitionIndex()), p.replicas()));
            }
        }
        var command = new io.tributary.metadata.controller.api.AlterPartitionReassignmentsRequest(moves,
                request.allowReplicationFactorChange());
        return controller.submit(command)
                .orTimeout(Math.max(1, request.timeoutMs()), TimeUnit.MILLISECONDS)
                .handle((r, error) -> {
                    if (error != null) {
                        ApiError e = ControllerErrors.toApiError(error);
                        AlterPartitionReassignmentsResponse all = errorForAll(request, e);
                        return new AlterPartitionReassignmentsResponse(0, e.code(), e.message(), all.topics());
                    }
                    Map<String, List<AlterPartitionReassignmentsResponse.PartitionResult>> byTopic = new LinkedHashMap<>();
                    for (var p : r.partitions()) {
                        byTopic.computeIfAbsent(p.partition().topic(), k -> new ArrayList<>()).add(
                                new AlterPartitionReassignmentsResponse.PartitionResult(p.partition().partition(), p.error().code(),
                                        p.error().message()));
                    }
                    List<AlterPartitionReassignmentsResponse.TopicResult> topics = new ArrayList<>();
                    byTopic.forEach((topic, parts) -> topics.add(new AlterPartitionReassignmentsResponse.TopicResult(topic, parts)));
                    return new AlterPartitionReassignmentsResponse(0, ErrorCode.NONE, null, topics);
                });
    }

    private static AlterPartitionReassignmentsResponse errorForAll(AlterPartitionReassignmentsRequest request, ApiError e) {
        List<AlterPartitionReassignmentsResponse.TopicResult> topics = new ArrayList<>();
        for (AlterPartitionReassignmentsRequest.Topic t : request.topics()) {
            topics.add(new AlterPartitionReassignmentsResponse.TopicResult(t.name(), t.partitions().stream()
                    .map(p -> new AlterPartitionReassignmentsResponse.PartitionResult(p.partitionIndex(), e.code(), e.message()))
                    .toList()));
        }
        return new AlterPartitionReassignmentsResponse(0, e.code(), e.message(), topics);
    }
}

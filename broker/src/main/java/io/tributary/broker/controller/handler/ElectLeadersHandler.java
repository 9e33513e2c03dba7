package io.tributary.broker.controller.handler;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.controller.ControllerDriver;
import io.tributary.wire.api.electleaders.ElectLeadersRequest;
import io.tributary.wire.api.electleaders.ElectLeadersResponse;
import io.tributary.wire.api.electleaders.ElectionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * ElectLeaders on the CONTROLLER listener: preferred or unclean elections for the named partitions
 * (or every partition). An election type the controller does not know is refused as a whole with
 * {@code INVALID_REQUEST}.
 */
final class ElectLeadersHandler implements ApiHandler<ElectLeadersRequest, ElectLeadersResponse> {

    private final ControllerDriver driver;

    ElectLeadersHandler(ControllerDriver driver) {
        this.driver = driver;
    }

    @Override
    public CompletableFuture<ElectLeadersResponse> handle(RequestContext ctx, ElectLeadersRequest request) {
        io.tributary.metadata.controller.api.ElectLeadersRequest.ElectionType type = switch (request.electionType()) {
            case PREFERRED -> io.tributary.metadata.controller.api.ElectLeadersRequest.ElectionType.PREFERRED;
            case UNCLEAN -> io.tributary.metadata.controller.api.ElectLeadersRequest.ElectionType.UNCLEAN;
            default -> null;
        };
        if (type == null || request.electionType() == ElectionType.UNKNOWN) {
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
        return driver.submit(new io.tributary.metadata.controller.api.ElectLeadersRequest(type, partitions)).handle((r, error) -> {
            if (error != null) {
                return new ElectLeadersResponse(0, ControllerFailures.code(error), List.of());
            }
            Map<String, List<ElectLeadersResponse.PartitionResult>> byTopic = new LinkedHashMap<>();
            for (var p : r.partitions()) {
                byTopic.computeIfAbsent(p.partition().topic(), k -> new ArrayList<>())
                        .add(new ElectLeadersResponse.PartitionResult(p.partition().partition(), p.error().code(), p.error().message()));
            }
            List<ElectLeadersResponse.TopicResult> results = new ArrayList<>();
            byTopic.forEach((topic, parts) -> results.add(new ElectLeadersResponse.TopicResult(topic, parts)));
            return new ElectLeadersResponse(0, ErrorCode.NONE, results);
        });
    }
}

package io.tributary.broker.controller.handler;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.controller.ControllerDriver;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.wire.api.alterpartition.AlterPartitionRequest;
import io.tributary.wire.api.alterpartition.AlterPartitionResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * AlterPartition on the CONTROLLER listener: a partition leader proposes a new ISR. The controller
 * checks it against the partition's epochs and the brokers' registrations; the answer carries the
 * partition as it now stands. A leader recovering from an unclean election ({@code leaderRecoveryState}
 * RECOVERING) is not supported yet and is refused per partition with {@code INVALID_REQUEST}.
 */
final class AlterPartitionHandler implements ApiHandler<AlterPartitionRequest, AlterPartitionResponse> {

    private final ControllerDriver driver;

    AlterPartitionHandler(ControllerDriver driver) {
        this.driver = driver;
    }

    @Override
    public CompletableFuture<AlterPartitionResponse> handle(RequestContext ctx, AlterPartitionRequest request) {
        List<io.tributary.metadata.controller.api.AlterPartitionRequest.TopicData> topics = new ArrayList<>();
        for (AlterPartitionRequest.Topic t : request.topics()) {
            List<io.tributary.metadata.controller.api.AlterPartitionRequest.PartitionData> parts = new ArrayList<>();
            for (AlterPartitionRequest.Partition p : t.partitions()) {
                List<io.tributary.metadata.controller.api.AlterPartitionRequest.IsrMember> isr = p.newIsrWithEpochs().stream()
                        .map(m -> new io.tributary.metadata.controller.api.AlterPartitionRequest.IsrMember(m.brokerId(), m.brokerEpoch()))
                        .toList();
                parts.add(new io.tributary.metadata.controller.api.AlterPartitionRequest.PartitionData(p.partitionIndex(),
                        p.leaderEpoch(), isr, p.partitionEpoch()));
            }
            topics.add(new io.tributary.metadata.controller.api.AlterPartitionRequest.TopicData(t.topicId(), parts));
        }
        if (request.topics().stream().flatMap(t -> t.partitions().stream())
                .anyMatch(p -> p.leaderRecoveryState() != AlterPartitionRequest.LEADER_RECOVERY_RECOVERED)) {
            return CompletableFuture.completedFuture(failedAll(request, ErrorCode.INVALID_REQUEST));
        }
        return driver.submit(new io.tributary.metadata.controller.api.AlterPartitionRequest(request.brokerId(), request.brokerEpoch(),
                topics)).handle((r, error) -> {
                    if (error != null) {
                        ErrorCode code = ControllerFailures.code(error);
                        return new AlterPartitionResponse(0, code, List.of());
                    }
                    return convert(r);
                });
    }

    private static AlterPartitionResponse convert(io.tributary.metadata.controller.api.AlterPartitionResponse r) {
        List<AlterPartitionResponse.Topic> topics = new ArrayList<>();
        for (var t : r.topics()) {
            List<AlterPartitionResponse.Partition> parts = new ArrayList<>();
            for (var p : t.partitions()) {
                ApiError e = p.error();
                parts.add(e.isSuccess()
                        ? new AlterPartitionResponse.Partition(p.partition(), ErrorCode.NONE, p.leaderId(), p.leaderEpoch(), p.isr(),
                                AlterPartitionRequest.LEADER_RECOVERY_RECOVERED, p.partitionEpoch())
                        : AlterPartitionResponse.Partition.failed(p.partition(), e.code()));
            }
            topics.add(new AlterPartitionResponse.Topic(t.topicId(), parts));
        }
        return new AlterPartitionResponse(0, r.error().code(), topics);
    }

    private static AlterPartitionResponse failedAll(AlterPartitionRequest request, ErrorCode code) {
        List<AlterPartitionResponse.Topic> topics = request.topics().stream()
                .map(t -> new AlterPartitionResponse.Topic(t.topicId(), t.partitions().stream()
                        .map(p -> AlterPartitionResponse.Partition.failed(p.partitionIndex(), code)).toList()))
                .toList();
        return new AlterPartitionResponse(0, ErrorCode.NONE, topics);
    }
}

package io.tributary.broker.controller.handler;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.common.records.RecordsSlice;
import io.tributary.controller.ControllerDriver;
import io.tributary.controller.MetadataFetchResult;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Fetch on the CONTROLLER listener: a broker's long-poll of {@code __cluster_metadata} partition 0
 * (docs/design/cluster.md, "Metadata reaching every broker within milliseconds"). The answer carries
 * the controller's committed offset as the high watermark and, in the records field, the batches
 * from {@code fetchOffset} on (or a snapshot) in {@code MetadataFetchFraming}; it comes as soon as
 * something at or after {@code fetchOffset} is committed, or empty after {@code maxWaitMs}.
 *
 * <p>Anything else is refused: another topic or partition gets {@code UNKNOWN_TOPIC_OR_PARTITION},
 * and a controller that is not active answers {@code NOT_CONTROLLER} (top level and partition).
 */
final class MetadataFetchHandler implements ApiHandler<FetchRequest, FetchResponse> {

    /** The longest a long-poll may wait here, whatever it asks: a bound on parked fetches' lifetime. */
    static final int MAX_WAIT_MS_LIMIT = 30_000;

    private final ControllerDriver driver;

    MetadataFetchHandler(ControllerDriver driver) {
        this.driver = driver;
    }

    @Override
    public CompletableFuture<FetchResponse> handle(RequestContext ctx, FetchRequest request) {
        FetchRequest.Partition wanted = metadataPartition(request);
        if (wanted == null) {
            return CompletableFuture.completedFuture(refuse(request, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.NONE));
        }
        if (wanted.fetchOffset() < 0) {
            return CompletableFuture.completedFuture(refuse(request, ErrorCode.OFFSET_OUT_OF_RANGE, ErrorCode.NONE));
        }
        long waitMs = Math.max(0, Math.min(request.maxWaitMs(), MAX_WAIT_MS_LIMIT));
        return driver.fetch(wanted.fetchOffset(), waitMs).handle((r, error) -> {
            if (error != null) {
                ErrorCode code = ControllerFailures.code(error);
                return refuse(request, code, code == ErrorCode.NOT_CONTROLLER ? code : ErrorCode.NONE);
            }
            return answer(r);
        });
    }

    /** The one partition a metadata long-poll names, or null when the request asks for anything else. */
    private static FetchRequest.Partition metadataPartition(FetchRequest request) {
        if (request.topics().size() != 1) {
            return null;
        }
        FetchRequest.Topic t = request.topics().get(0);
        boolean named = FetchRequest.CLUSTER_METADATA_TOPIC.equals(t.name())
                || FetchRequest.CLUSTER_METADATA_TOPIC_ID.equals(t.topicId());
        if (!named || t.partitions().size() != 1 || t.partitions().get(0).partition() != 0) {
            return null;
        }
        return t.partitions().get(0);
    }

    private static FetchResponse answer(MetadataFetchResult r) {
        long hw = r.highWatermark();
        FetchResponse.PartitionResponse p = new FetchResponse.PartitionResponse(0, ErrorCode.NONE, hw, hw, -1L, null, null, null,
                List.of(), -1, new RecordsSlice.Buffer(r.framed()));
        return new FetchResponse(0, ErrorCode.NONE, 0, List.of(new FetchResponse.TopicResponse(FetchRequest.CLUSTER_METADATA_TOPIC,
                FetchRequest.CLUSTER_METADATA_TOPIC_ID, List.of(p))), List.of());
    }

    private static FetchResponse refuse(FetchRequest request, ErrorCode partitionError, ErrorCode topLevel) {
        List<FetchResponse.TopicResponse> topics = request.topics().stream()
                .map(t -> new FetchResponse.TopicResponse(t.name(), t.topicId(), t.partitions().stream()
                        .map(p -> FetchResponse.PartitionResponse.failed(p.partition(), partitionError)).toList()))
                .toList();
        return new FetchResponse(0, topLevel, 0, topics, List.of());
    }
}

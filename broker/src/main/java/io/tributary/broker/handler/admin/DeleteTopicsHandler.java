package io.tributary.broker.handler.admin;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.ControllerErrors;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.wire.api.TopicRef;
import io.tributary.wire.api.deletetopics.DeleteTopicsRequest;
import io.tributary.wire.api.deletetopics.DeleteTopicsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** DeleteTopics, by name or id; refused as a whole with TOPIC_DELETION_DISABLED when {@code delete.topic.enable} is off. */
public final class DeleteTopicsHandler implements ApiHandler<DeleteTopicsRequest, DeleteTopicsResponse> {

    private final ControllerChannel controller;
    private final boolean deleteTopicEnable;

    public DeleteTopicsHandler(ControllerChannel controller, boolean deleteTopicEnable) {
        this.controller = controller;
        this.deleteTopicEnable = deleteTopicEnable;
    }

    @Override
    public CompletableFuture<DeleteTopicsResponse> handle(RequestContext ctx, DeleteTopicsRequest request) {
        if (!deleteTopicEnable) {
            List<DeleteTopicsResponse.Result> out = new ArrayList<>();
            for (TopicRef r : request.topics()) {
                out.add(new DeleteTopicsResponse.Result(r.name(), r.id(), ErrorCode.TOPIC_DELETION_DISABLED,
                        "topic deletion is disabled (delete.topic.enable=false)"));
            }
            return CompletableFuture.completedFuture(new DeleteTopicsResponse(0, out));
        }
        List<String> names = new ArrayList<>();
        List<TopicId> ids = new ArrayList<>();
        for (TopicRef r : request.topics()) {
            if (r.name() != null) {
                names.add(r.name());
            } else {
                ids.add(r.id());
            }
        }
        if (names.isEmpty() && ids.isEmpty()) {
            return CompletableFuture.completedFuture(new DeleteTopicsResponse(0, List.of()));
        }
        return controller.deleteTopics(new io.tributary.metadata.controller.api.DeleteTopicsRequest(names, ids))
                .orTimeout(Math.max(1, request.timeoutMs()), TimeUnit.MILLISECONDS)
                .handle((resp, error) -> {
                    List<DeleteTopicsResponse.Result> out = new ArrayList<>();
                    int nameAt = 0;
                    int idAt = names.size();
                    for (TopicRef r : request.topics()) {
                        if (error != null) {
                            ApiError e = ControllerErrors.toApiError(error);
                            out.add(new DeleteTopicsResponse.Result(r.name(), r.id(), e.code(), e.message()));
                            continue;
                        }
                        // The controller answers names first, then ids; put them back in request order.
                        var res = resp.topics().get(r.name() != null ? nameAt++ : idAt++);
                        out.add(new DeleteTopicsResponse.Result(res.name(), res.topicId(), res.error().code(), res.error().message()));
                    }
                    return new DeleteTopicsResponse(0, out);
                });
    }
}

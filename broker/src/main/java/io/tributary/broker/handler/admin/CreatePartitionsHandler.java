package io.tributary.broker.handler.admin;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.ControllerErrors;
import io.tributary.broker.handler.RequestContext;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.wire.api.createpartitions.CreatePartitionsRequest;
import io.tributary.wire.api.createpartitions.CreatePartitionsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** CreatePartitions: raises partition counts; the controller checks counts and placement. */
public final class CreatePartitionsHandler implements ApiHandler<CreatePartitionsRequest, CreatePartitionsResponse> {

    private final ControllerChannel controller;

    public CreatePartitionsHandler(ControllerChannel controller) {
        this.controller = controller;
    }

    @Override
    public CompletableFuture<CreatePartitionsResponse> handle(RequestContext ctx, CreatePartitionsRequest request) {
        if (request.topics().isEmpty()) {
            return CompletableFuture.completedFuture(new CreatePartitionsResponse(0, List.of()));
        }
        List<io.tributary.metadata.controller.api.CreatePartitionsRequest.Topic> topics = new ArrayList<>();
        for (CreatePartitionsRequest.Topic t : request.topics()) {
            topics.add(new io.tributary.metadata.controller.api.CreatePartitionsRequest.Topic(t.name(), t.count(),
                    t.assignments().isEmpty() ? null : t.assignments()));
        }
        return controller.createPartitions(new io.tributary.metadata.controller.api.CreatePartitionsRequest(topics, request.validateOnly()))
                .orTimeout(Math.max(1, request.timeoutMs()), TimeUnit.MILLISECONDS)
                .handle((resp, error) -> {
                    List<CreatePartitionsResponse.Result> out = new ArrayList<>();
                    for (int i = 0; i < request.topics().size(); i++) {
                        String name = request.topics().get(i).name();
                        ApiError e = error != null ? ControllerErrors.toApiError(error) : resp.topics().get(i).error();
                        out.add(new CreatePartitionsResponse.Result(name, e.code(), e.message()));
                    }
                    return new CreatePartitionsResponse(0, out);
                });
    }
}

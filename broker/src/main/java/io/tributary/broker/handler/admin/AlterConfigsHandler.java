package io.tributary.broker.handler.admin;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.ControllerErrors;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.record.ConfigResourceType;
import io.tributary.wire.api.alterconfigs.AlterConfigsRequest;
import io.tributary.wire.api.alterconfigs.AlterConfigsResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The legacy AlterConfigs (kafkajs's {@code alterConfigs} sends it): each resource's overrides are
 * replaced as a whole by the given set. Validation and commit are the controller's.
 */
public final class AlterConfigsHandler implements ApiHandler<AlterConfigsRequest, AlterConfigsResponse> {

    private final ControllerChannel controller;

    public AlterConfigsHandler(ControllerChannel controller) {
        this.controller = controller;
    }

    @Override
    public CompletableFuture<AlterConfigsResponse> handle(RequestContext ctx, AlterConfigsRequest request) {
        Map<Integer, ApiError> local = new HashMap<>();
        List<io.tributary.metadata.controller.api.AlterConfigsRequest.Resource> forController = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < request.resources().size(); i++) {
            AlterConfigsRequest.Resource r = request.resources().get(i);
            ConfigResourceType type = ConfigResourceType.forCode(r.resourceType());
            if (type == null) {
                local.put(i, ApiError.of(ErrorCode.INVALID_REQUEST, "resource type " + r.type() + " cannot be altered"));
                continue;
            }
            Map<String, String> configs = new LinkedHashMap<>();
            String nullKey = null;
            for (AlterConfigsRequest.Config c : r.configs()) {
                if (c.value() == null) {
                    nullKey = c.name();
                }
                configs.put(c.name(), c.value());
            }
            if (nullKey != null) {
                local.put(i, ApiError.of(ErrorCode.INVALID_REQUEST, "null value for config " + nullKey));
                continue;
            }
            forController.add(new io.tributary.metadata.controller.api.AlterConfigsRequest.Resource(type, r.resourceName(), configs));
            indexes.add(i);
        }
        CompletableFuture<io.tributary.metadata.controller.api.AlterConfigsResponse> call = forController.isEmpty()
                ? CompletableFuture.completedFuture(new io.tributary.metadata.controller.api.AlterConfigsResponse(List.of()))
                : controller.submit(new io.tributary.metadata.controller.api.AlterConfigsRequest(forController, request.validateOnly()));
        return call.handle((resp, error) -> {
            List<AlterConfigsResponse.Result> out = new ArrayList<>();
            for (int i = 0; i < request.resources().size(); i++) {
                AlterConfigsRequest.Resource r = request.resources().get(i);
                ApiError e = local.get(i);
                if (e == null) {
                    e = error != null ? ControllerErrors.toApiError(error) : resp.resources().get(indexes.indexOf(i)).error();
                }
                out.add(new AlterConfigsResponse.Result(e.code(), e.message(), r.resourceType(), r.resourceName()));
            }
            return new AlterConfigsResponse(0, out);
        });
    }
}

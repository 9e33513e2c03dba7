package io.tributary.broker.handler.admin;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.ControllerErrors;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.AlterConfigOp;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.record.ConfigResourceType;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsRequest;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * IncrementalAlterConfigs for topics and brokers. The controller validates and commits; each
 * partition of a changed topic then picks the new values up from the metadata image, so retention
 * and segment settings apply to the live logs.
 */
public final class IncrementalAlterConfigsHandler
        implements ApiHandler<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse> {

    private final ControllerChannel controller;

    public IncrementalAlterConfigsHandler(ControllerChannel controller) {
        this.controller = controller;
    }

    @Override
    public CompletableFuture<IncrementalAlterConfigsResponse> handle(RequestContext ctx, IncrementalAlterConfigsRequest request) {
        Map<Integer, ApiError> local = new HashMap<>();
        List<io.tributary.metadata.controller.api.IncrementalAlterConfigsRequest.Resource> forController = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < request.resources().size(); i++) {
            IncrementalAlterConfigsRequest.Resource r = request.resources().get(i);
            ConfigResourceType type = ConfigResourceType.forCode(r.resourceType());
            if (type == null) {
                local.put(i, ApiError.of(ErrorCode.INVALID_REQUEST, "resource type " + r.type() + " cannot be altered"));
                continue;
            }
            List<AlterConfigOp> ops = new ArrayList<>();
            ApiError bad = null;
            for (IncrementalAlterConfigsRequest.AlterableConfig c : r.configs()) {
                AlterConfigOp.OpType op = AlterConfigOp.OpType.forCode(c.op().code());
                if (op == null) {
                    bad = ApiError.of(ErrorCode.INVALID_REQUEST, "unknown operation for config " + c.name());
                    break;
                }
                ops.add(new AlterConfigOp(c.name(), op, c.value()));
            }
            if (bad != null) {
                local.put(i, bad);
                continue;
            }
            forController.add(new io.tributary.metadata.controller.api.IncrementalAlterConfigsRequest.Resource(type, r.resourceName(), ops));
            indexes.add(i);
        }
        CompletableFuture<io.tributary.metadata.controller.api.AlterConfigsResponse> call = forController.isEmpty()
                ? CompletableFuture.completedFuture(new io.tributary.metadata.controller.api.AlterConfigsResponse(List.of()))
                : controller.alterConfigs(new io.tributary.metadata.controller.api.IncrementalAlterConfigsRequest(forController,
                        request.validateOnly()));
        return call.handle((resp, error) -> {
            List<IncrementalAlterConfigsResponse.Result> out = new ArrayList<>();
            for (int i = 0; i < request.resources().size(); i++) {
                IncrementalAlterConfigsRequest.Resource r = request.resources().get(i);
                ApiError e = local.get(i);
                if (e == null) {
                    e = error != null ? ControllerErrors.toApiError(error) : resp.resources().get(indexes.indexOf(i)).error();
                }
                out.add(new IncrementalAlterConfigsResponse.Result(e.code(), e.message(), r.resourceType(), r.resourceName()));
            }
            return new IncrementalAlterConfigsResponse(0, out);
        });
    }
}

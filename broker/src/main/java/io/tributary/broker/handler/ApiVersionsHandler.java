package io.tributary.broker.handler;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.api.apiversions.ApiVersionsRequest;
import io.tributary.wire.api.apiversions.ApiVersionsResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** ApiVersions: the API ranges the registry advertises; malformed client software fields get INVALID_REQUEST. */
public final class ApiVersionsHandler implements ApiHandler<ApiVersionsRequest, ApiVersionsResponse> {

    private final ApiRegistry registry;

    public ApiVersionsHandler(ApiRegistry registry) {
        this.registry = registry;
    }

    @Override
    public CompletableFuture<ApiVersionsResponse> handle(RequestContext ctx, ApiVersionsRequest request) {
        if (!request.hasValidSoftwareFields()) {
            return CompletableFuture.completedFuture(new ApiVersionsResponse(ErrorCode.INVALID_REQUEST,
                    registry.advertised(), 0, List.of(), -1L, List.of()));
        }
        return CompletableFuture.completedFuture(ApiVersionsResponse.of(registry.advertised()));
    }
}

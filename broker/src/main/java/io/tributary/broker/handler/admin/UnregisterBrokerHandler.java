package io.tributary.broker.handler.admin;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.ControllerErrors;
import io.tributary.broker.handler.RequestContext;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerRequest;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerResponse;
import java.util.concurrent.CompletableFuture;

/**
 * UnregisterBroker ({@code kafka-cluster unregister --id N}, {@code Admin.unregisterBroker}): removes a
 * broker that is gone for good, so it no longer counts as fenced. The controller decides, as Kafka's
 * does: an unknown id is {@code BROKER_ID_NOT_REGISTERED}; a registered one, running or not, is
 * removed from every ISR and leadership in the same batch as its registration. It serves the
 * CONTROLLER listener and a one-node cluster's client listener over a {@link ControllerChannel}; a
 * broker of a cluster forwards the request instead.
 */
public final class UnregisterBrokerHandler implements ApiHandler<UnregisterBrokerRequest, UnregisterBrokerResponse> {

    private final ControllerChannel controller;

    public UnregisterBrokerHandler(ControllerChannel controller) {
        this.controller = controller;
    }

    @Override
    public CompletableFuture<UnregisterBrokerResponse> handle(RequestContext ctx, UnregisterBrokerRequest request) {
        var command = new io.tributary.metadata.controller.api.UnregisterBrokerRequest(request.brokerId());
        return controller.submit(command).handle((result, error) -> {
            ApiError e = error != null ? ControllerErrors.toApiError(error) : result;
            return new UnregisterBrokerResponse(0, e.code(), e.message());
        });
    }
}

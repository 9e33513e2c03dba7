package io.tributary.broker.controller.handler;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.controller.ControllerDriver;
import io.tributary.wire.api.allocateproducerids.AllocateProducerIdsRequest;
import io.tributary.wire.api.allocateproducerids.AllocateProducerIdsResponse;
import java.util.concurrent.CompletableFuture;

/** AllocateProducerIds on the CONTROLLER listener: a block of producer ids for a broker's InitProducerId answers. */
final class AllocateProducerIdsHandler implements ApiHandler<AllocateProducerIdsRequest, AllocateProducerIdsResponse> {

    private final ControllerDriver driver;

    AllocateProducerIdsHandler(ControllerDriver driver) {
        this.driver = driver;
    }

    @Override
    public CompletableFuture<AllocateProducerIdsResponse> handle(RequestContext ctx, AllocateProducerIdsRequest request) {
        return driver.submit(new io.tributary.metadata.controller.api.AllocateProducerIdsRequest(request.brokerId(), request.brokerEpoch()))
                .handle((r, error) -> {
                    if (error != null) {
                        return new AllocateProducerIdsResponse(0, ControllerFailures.code(error), -1, 0);
                    }
                    if (!r.error().isSuccess()) {
                        return new AllocateProducerIdsResponse(0, r.error().code(), -1, 0);
                    }
                    return AllocateProducerIdsResponse.of(r.producerIdStart(), r.producerIdLen());
                });
    }
}

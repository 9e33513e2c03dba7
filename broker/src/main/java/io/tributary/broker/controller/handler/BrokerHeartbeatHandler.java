package io.tributary.broker.controller.handler;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.controller.ControllerDriver;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatRequest;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatResponse;
import java.util.concurrent.CompletableFuture;

/**
 * BrokerHeartbeat on the CONTROLLER listener. The connection it arrives on is handed to the driver,
 * which binds the broker to it: when that connection closes, the broker is fenced at once.
 */
final class BrokerHeartbeatHandler implements ApiHandler<BrokerHeartbeatRequest, BrokerHeartbeatResponse> {

    private final ControllerDriver driver;

    BrokerHeartbeatHandler(ControllerDriver driver) {
        this.driver = driver;
    }

    @Override
    public CompletableFuture<BrokerHeartbeatResponse> handle(RequestContext ctx, BrokerHeartbeatRequest request) {
        return driver.heartbeat(request.brokerId(), request.brokerEpoch(), request.currentMetadataOffset(), request.wantFence(),
                        request.wantShutDown(), ctx.connection())
                .handle((r, error) -> error != null
                        ? BrokerHeartbeatResponse.failed(ControllerFailures.code(error))
                        : new BrokerHeartbeatResponse(0, r.error().code(), r.isCaughtUp(), r.isFenced(), r.shouldShutDown()));
    }
}

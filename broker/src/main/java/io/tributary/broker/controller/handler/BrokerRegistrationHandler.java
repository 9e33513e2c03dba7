package io.tributary.broker.controller.handler;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.controller.ControllerDriver;
import io.tributary.metadata.controller.api.FenceBrokerRequest;
import io.tributary.metadata.controller.api.RegisterBrokerRequest;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.wire.api.SecurityProtocol;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationRequest;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BrokerRegistration on the CONTROLLER listener: a broker (re)joining the cluster gets a new broker
 * epoch, and starts fenced.
 *
 * <p>A restarted broker names the epoch it had before its clean shutdown ({@code previousBrokerEpoch},
 * KIP-966). When that is still the registered epoch, the old registration certainly belongs to the
 * process that stopped, so it is fenced and its session ended first ({@link FenceBrokerRequest});
 * otherwise the controller would refuse the new incarnation with {@code DUPLICATE_BROKER_REGISTRATION}
 * until the old session lapsed. Without a matching previous epoch (a crash), the old session ends
 * when its heartbeat connection closes, or lapses.
 */
final class BrokerRegistrationHandler implements ApiHandler<BrokerRegistrationRequest, BrokerRegistrationResponse> {

    private static final Logger log = LoggerFactory.getLogger(BrokerRegistrationHandler.class);

    private final ControllerDriver driver;

    BrokerRegistrationHandler(ControllerDriver driver) {
        this.driver = driver;
    }

    @Override
    public CompletableFuture<BrokerRegistrationResponse> handle(RequestContext ctx, BrokerRegistrationRequest request) {
        List<BrokerEndpoint> endpoints = new ArrayList<>();
        for (BrokerRegistrationRequest.Listener l : request.listeners()) {
            if (l.securityProtocol() == SecurityProtocol.UNKNOWN) {
                return CompletableFuture.completedFuture(new BrokerRegistrationResponse(0, ErrorCode.INVALID_REGISTRATION, -1));
            }
            try {
                endpoints.add(new BrokerEndpoint(l.name(), l.host(), l.port(), l.securityProtocol().name()));
            } catch (IllegalArgumentException e) {
                log.info("Refusing the registration of broker {}: listener {} is invalid ({})", request.brokerId(), l.name(),
                        e.getMessage());
                return CompletableFuture.completedFuture(new BrokerRegistrationResponse(0, ErrorCode.INVALID_REGISTRATION, -1));
            }
        }
        RegisterBrokerRequest register = new RegisterBrokerRequest(request.brokerId(), request.clusterId(), request.incarnationId(),
                endpoints, request.rack(), request.previousBrokerEpoch());
        return endPreviousSession(request)
                .thenCompose(v -> driver.submit(register))
                .handle((r, error) -> {
                    if (error != null) {
                        return new BrokerRegistrationResponse(0, ControllerFailures.code(error), -1);
                    }
                    if (!r.error().isSuccess()) {
                        log.info("Refused the registration of broker {} (incarnation {}): {}", request.brokerId(),
                                request.incarnationId(), r.error());
                        return new BrokerRegistrationResponse(0, r.error().code(), -1);
                    }
                    return BrokerRegistrationResponse.of(r.brokerEpoch());
                });
    }

    /** Fences the registration named by {@code previousBrokerEpoch} when it is still the current one of another incarnation. */
    private CompletableFuture<Void> endPreviousSession(BrokerRegistrationRequest request) {
        long previous = request.previousBrokerEpoch();
        BrokerRegistration current = driver.committedImage().broker(request.brokerId());
        if (previous < 0 || current == null || current.brokerEpoch() != previous
                || current.incarnationId().equals(request.incarnationId())) {
            return CompletableFuture.completedFuture(null);
        }
        String reason = "it registered again after a clean shutdown (previous broker epoch " + previous + ", new incarnation "
                + request.incarnationId() + ")";
        // Whatever the answer (already fenced, a newer epoch meanwhile), the registration itself decides next.
        return driver.submit(new FenceBrokerRequest(request.brokerId(), previous, reason)).handle((e, error) -> null);
    }
}

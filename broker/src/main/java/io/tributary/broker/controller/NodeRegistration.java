package io.tributary.broker.controller;

import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.BrokerHeartbeatRequest;
import io.tributary.metadata.controller.api.BrokerHeartbeatResponse;
import io.tributary.metadata.controller.api.RegisterBrokerRequest;
import io.tributary.metadata.controller.api.RegisterBrokerResponse;
import io.tributary.metadata.controller.api.UnregisterBrokerRequest;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.BrokerEndpoint;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This broker's life as the controller sees it: register at start (with the endpoints clients are
 * told), heartbeat until unfenced, keep heartbeating, and at a clean stop ask for a controlled
 * shutdown so the metadata shows its leaderships gone before the process ends.
 *
 * <p>A single node's controller lives and dies with the broker, so a registration left over from
 * the previous run (clean or killed) is certainly dead; it is unregistered first rather than
 * waiting out {@code broker.session.timeout.ms} as a remote controller would have to.
 *
 * <p>Transitions: NEW → REGISTERED (fenced) → ACTIVE (unfenced) → SHUT_DOWN. Methods called out of
 * order throw {@link IllegalStateException}.
 */
public final class NodeRegistration {

    private static final Logger log = LoggerFactory.getLogger(NodeRegistration.class);
    private static final long STEP_TIMEOUT_MS = 10_000;

    private enum State { NEW, REGISTERED, ACTIVE, SHUT_DOWN }

    private final ControllerChannel controller;
    private final int nodeId;
    private final Supplier<MetadataImage> image;
    private final UUID incarnationId = UUID.randomUUID();
    private volatile long brokerEpoch = -1;
    private State state = State.NEW;

    public NodeRegistration(ControllerChannel controller, int nodeId, Supplier<MetadataImage> image) {
        this.controller = controller;
        this.nodeId = nodeId;
        this.image = image;
    }

    public long brokerEpoch() {
        return brokerEpoch;
    }

    /** Registers with {@code endpoints} and heartbeats until the controller unfences this node. */
    public synchronized void registerAndUnfence(String clusterId, List<BrokerEndpoint> endpoints, String rack) throws Exception {
        if (state != State.NEW) {
            throw new IllegalStateException("node " + nodeId + " is already " + state);
        }
        if (image.get().broker(nodeId) != null) {
            ApiError e = call(controller.submit(new UnregisterBrokerRequest(nodeId)));
            if (!e.isSuccess() && e.code() != ErrorCode.BROKER_ID_NOT_REGISTERED) {
                throw new IllegalStateException("cannot replace the previous registration of node " + nodeId + ": " + e);
            }
            log.info("Replaced the registration left by this node's previous run");
        }
        RegisterBrokerResponse r = call(controller.registerBroker(new RegisterBrokerRequest(nodeId, clusterId, incarnationId,
                endpoints, rack)));
        if (!r.error().isSuccess()) {
            throw new IllegalStateException("the controller refused to register node " + nodeId + ": " + r.error());
        }
        brokerEpoch = r.brokerEpoch();
        state = State.REGISTERED;
        for (int attempt = 0; attempt < 100; attempt++) {
            BrokerHeartbeatResponse hb = heartbeatNow(false);
            if (!hb.isFenced()) {
                state = State.ACTIVE;
                log.info("Node {} registered with broker epoch {} and is serving", nodeId, brokerEpoch);
                return;
            }
        }
        throw new IllegalStateException("node " + nodeId + " registered but was never unfenced");
    }

    /** One periodic heartbeat; failures are logged, not thrown (the next one retries). */
    public void heartbeat() {
        synchronized (this) {
            if (state != State.ACTIVE) {
                return;
            }
        }
        controller.submit(new BrokerHeartbeatRequest(nodeId, brokerEpoch, image.get().lastAppliedOffset(), false, false))
                .whenComplete((hb, e) -> {
                    if (e != null) {
                        log.debug("Heartbeat of node {} failed: {}", nodeId, e.toString());
                    } else if (!hb.error().isSuccess()) {
                        log.warn("Heartbeat of node {} refused: {}", nodeId, hb.error());
                    }
                });
    }

    /** Asks the controller to move leaderships away and fence this node; bounded, best effort. */
    public synchronized void controlledShutdown() {
        if (state != State.ACTIVE) {
            state = State.SHUT_DOWN;
            return;
        }
        state = State.SHUT_DOWN;
        try {
            for (int attempt = 0; attempt < 20; attempt++) {
                BrokerHeartbeatResponse hb = call(controller.submit(new BrokerHeartbeatRequest(nodeId, brokerEpoch,
                        image.get().lastAppliedOffset(), false, true)));
                if (!hb.error().isSuccess() || hb.shouldShutDown()) {
                    log.info("Controlled shutdown of node {} complete", nodeId);
                    return;
                }
            }
            log.warn("Controlled shutdown of node {} did not finish; stopping anyway", nodeId);
        } catch (Exception e) {
            log.warn("Controlled shutdown of node {} failed; stopping anyway: {}", nodeId, e.toString());
        }
    }

    private BrokerHeartbeatResponse heartbeatNow(boolean wantShutDown) throws Exception {
        BrokerHeartbeatResponse hb = call(controller.submit(new BrokerHeartbeatRequest(nodeId, brokerEpoch,
                image.get().lastAppliedOffset(), false, wantShutDown)));
        if (!hb.error().isSuccess()) {
            throw new IllegalStateException("heartbeat of node " + nodeId + " refused: " + hb.error());
        }
        return hb;
    }

    private static <T> T call(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        try {
            return f.get(STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new TimeoutException("the controller did not answer within " + STEP_TIMEOUT_MS + " ms");
        }
    }
}

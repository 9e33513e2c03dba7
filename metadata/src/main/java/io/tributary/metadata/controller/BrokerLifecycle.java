package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.BrokerHeartbeatRequest;
import io.tributary.metadata.controller.api.BrokerHeartbeatResponse;
import io.tributary.metadata.controller.api.FenceBrokerRequest;
import io.tributary.metadata.controller.api.RegisterBrokerRequest;
import io.tributary.metadata.controller.api.RegisterBrokerResponse;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.BrokerControlledShutdownRecord;
import io.tributary.metadata.record.FenceBrokerRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.UnfenceBrokerRecord;
import io.tributary.metadata.record.UnregisterBrokerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Brokers joining, heartbeating, leaving, and being fenced.
 *
 * <p>A broker's states, as the heartbeat sees them (KRaft's), and what moves it:
 * <pre>
 *   FENCED   --heartbeat, caught up, not wantFence--------------> UNFENCED   (UnfenceBroker + elections)
 *   FENCED   --heartbeat wantShutDown---------------------------> stays; shouldShutDown
 *   UNFENCED --heartbeat wantFence / session lapses / FenceBroker-> FENCED    (moves + FenceBroker)
 *   UNFENCED --heartbeat wantShutDown, leads something-----------> CONTROLLED_SHUTDOWN (moves + BrokerControlledShutdown)
 *   UNFENCED --heartbeat wantShutDown, leads nothing-------------> FENCED; shouldShutDown
 *   CONTROLLED_SHUTDOWN --heartbeat, caught up with the shutdown-> FENCED; shouldShutDown
 *   CONTROLLED_SHUTDOWN --wantFence / session lapses / FenceBroker-> FENCED
 *   any --RegisterBroker with a new epoch------------------------> FENCED (moves first if it was active;
 *                                                                  after an unclean shutdown it also leaves every ELR)
 *   any --UnregisterBroker---------------------------------------> gone (moves first)
 * </pre>
 * "moves" are the leader elections and ISR removals of {@link PartitionElections#removeBroker}.
 */
final class BrokerLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BrokerLifecycle.class);

    private final PartitionElections elections;

    BrokerLifecycle(PartitionElections elections) {
        this.elections = elections;
    }

    ControllerResult<RegisterBrokerResponse> register(MetadataImage image, BrokerHeartbeats heartbeats,
                                                      RegisterBrokerRequest request, long nowMs) {
        int id = request.brokerId();
        if (id < 0) {
            return ControllerResult.noRecords(new RegisterBrokerResponse(
                    ApiError.of(ErrorCode.INVALID_REGISTRATION, "Invalid broker id " + id), -1));
        }
        String clusterId = image.clusterId().orElse(null);
        if (request.clusterId() != null && clusterId != null && !request.clusterId().equals(clusterId)) {
            return ControllerResult.noRecords(new RegisterBrokerResponse(ApiError.of(ErrorCode.INCONSISTENT_CLUSTER_ID,
                    "Expected cluster ID " + clusterId + ", but got cluster ID " + request.clusterId()), -1));
        }
        if (request.listeners().isEmpty()) {
            return ControllerResult.noRecords(new RegisterBrokerResponse(
                    ApiError.of(ErrorCode.INVALID_REGISTRATION, "Broker " + id + " registered without listeners"), -1));
        }
        BrokerRegistration existing = image.broker(id);
        if (existing != null && !existing.incarnationId().equals(request.incarnationId())
                && heartbeats.hasValidSession(id, nowMs)) {
            return ControllerResult.noRecords(new RegisterBrokerResponse(ApiError.of(ErrorCode.DUPLICATE_BROKER_REGISTRATION,
                    "Another broker is registered with that broker id (" + id + "), and its session has not expired."), -1));
        }
        Scratch scratch = new Scratch(image);
        boolean clean = existing != null && request.previousBrokerEpoch() == existing.brokerEpoch();
        if (existing != null && (existing.isActive() || !clean)) {
            // A broker that did not stop cleanly may have lost records it had not flushed, so it
            // leaves every ISR and every set of eligible leader replicas (KIP-966): it must not be
            // elected on the strength of records it may no longer have. One that restarted before
            // its session lapsed also gives up its leaderships, like a failed broker.
            if (!clean) {
                log.info("Broker {} registers after an unclean shutdown (previous broker epoch {}, last registered epoch {}): "
                        + "it leaves every ISR and ELR it is in", id, request.previousBrokerEpoch(), existing.brokerEpoch());
            }
            elections.removeBroker(scratch, id, !clean, clean ? "re-registration" : "unclean shutdown");
        }
        long epoch = Math.max(nextBrokerEpoch(image), heartbeats.highestIssuedEpoch() + 1);
        scratch.add(new RegisterBrokerRecord(id, epoch, request.incarnationId(), request.listeners(), request.rack(), true));
        log.info("Registering broker {} with epoch {} (incarnation {}, rack {})", id, epoch, request.incarnationId(), request.rack());
        return ControllerResult.of(scratch.records(), new RegisterBrokerResponse(ApiError.NONE, epoch));
    }

    /**
     * A new broker epoch: larger than any epoch registered now and than the last applied offset.
     * Each registration lands at an offset at least as large as the epoch it carries, so an epoch
     * computed this way exceeds every committed epoch the broker id ever held, even across
     * unregistration and snapshots; {@link BrokerHeartbeats#highestIssuedEpoch()} covers those
     * handed out in this term but not yet committed.
     */
    static long nextBrokerEpoch(MetadataImage image) {
        long max = image.lastAppliedOffset();
        for (BrokerRegistration b : image.brokers().values()) {
            max = Math.max(max, b.brokerEpoch());
        }
        return max + 1;
    }

    ControllerResult<BrokerHeartbeatResponse> heartbeat(MetadataImage image, BrokerHeartbeats heartbeats,
                                                        BrokerHeartbeatRequest request) {
        int id = request.brokerId();
        BrokerRegistration b = image.broker(id);
        if (b == null) {
            return ControllerResult.noRecords(BrokerHeartbeatResponse.failed(
                    ApiError.of(ErrorCode.BROKER_ID_NOT_REGISTERED, "Broker " + id + " is not registered.")));
        }
        if (b.brokerEpoch() != request.brokerEpoch()) {
            return ControllerResult.noRecords(BrokerHeartbeatResponse.failed(ApiError.of(ErrorCode.STALE_BROKER_EPOCH,
                    "Expected broker epoch " + b.brokerEpoch() + ", but got broker epoch " + request.brokerEpoch())));
        }
        boolean caughtUp = heartbeats.isCaughtUp(id, request.currentMetadataOffset());
        Scratch scratch = new Scratch(image);
        boolean fenced = b.fenced();
        boolean shouldShutDown = false;
        if (b.fenced()) {
            if (request.wantShutDown()) {
                shouldShutDown = true;
            } else if (!request.wantFence() && caughtUp) {
                scratch.add(new UnfenceBrokerRecord(id, b.brokerEpoch()));
                elections.electForReturningBroker(scratch, id);
                fenced = false;
                log.info("Unfencing broker {} (epoch {}): it heartbeated and caught up to offset {}", id, b.brokerEpoch(),
                        request.currentMetadataOffset());
            }
        } else if (b.inControlledShutdown()) {
            boolean shutdownSeen = heartbeats.controlledShutdownOffset(id).isPresent()
                    && request.currentMetadataOffset() >= heartbeats.controlledShutdownOffset(id).getAsLong();
            if (request.wantFence() || (shutdownSeen && !PartitionElections.leadsAny(image, id))) {
                fence(scratch, id, "controlled shutdown complete");
                fenced = true;
                shouldShutDown = true;
            }
        } else if (request.wantShutDown()) {
            if (PartitionElections.leadsAny(image, id)) {
                elections.removeBroker(scratch, id, false, "controlled shutdown");
                scratch.add(new BrokerControlledShutdownRecord(id, b.brokerEpoch()));
                log.info("Broker {} (epoch {}) began controlled shutdown: moving its leaderships away", id, b.brokerEpoch());
            } else {
                fence(scratch, id, "controlled shutdown of a broker that leads nothing");
                fenced = true;
                shouldShutDown = true;
            }
        } else if (request.wantFence()) {
            fence(scratch, id, "the broker asked to be fenced");
            fenced = true;
        }
        return ControllerResult.of(scratch.records(), new BrokerHeartbeatResponse(ApiError.NONE, caughtUp, fenced, shouldShutDown));
    }

    ControllerResult<ApiError> unregister(MetadataImage image, int brokerId) {
        BrokerRegistration b = image.broker(brokerId);
        if (b == null) {
            return ControllerResult.noRecords(ApiError.of(ErrorCode.BROKER_ID_NOT_REGISTERED,
                    "Broker ID " + brokerId + " is not currently registered"));
        }
        Scratch scratch = new Scratch(image);
        elections.removeBroker(scratch, brokerId, false, "unregistration");
        scratch.add(new UnregisterBrokerRecord(brokerId, b.brokerEpoch()));
        log.info("Unregistering broker {} (epoch {})", brokerId, b.brokerEpoch());
        return ControllerResult.of(scratch.records(), ApiError.NONE);
    }

    /** Fences the registration with the request's epoch, if it is the current one and not fenced yet. */
    ControllerResult<ApiError> fenceOnRequest(MetadataImage image, FenceBrokerRequest request) {
        int id = request.brokerId();
        BrokerRegistration b = image.broker(id);
        if (b == null) {
            return ControllerResult.noRecords(ApiError.of(ErrorCode.BROKER_ID_NOT_REGISTERED, "Broker " + id + " is not registered."));
        }
        if (b.brokerEpoch() != request.brokerEpoch()) {
            return ControllerResult.noRecords(ApiError.of(ErrorCode.STALE_BROKER_EPOCH,
                    "Expected broker epoch " + b.brokerEpoch() + ", but got broker epoch " + request.brokerEpoch()));
        }
        if (b.fenced()) {
            return ControllerResult.noRecords(ApiError.NONE);
        }
        Scratch scratch = new Scratch(image);
        fence(scratch, id, request.reason());
        return ControllerResult.of(scratch.records(), ApiError.NONE);
    }

    ControllerResult<List<Integer>> fenceStale(MetadataImage image, BrokerHeartbeats heartbeats, long nowMs) {
        List<Integer> candidates = new ArrayList<>();
        for (BrokerRegistration b : image.brokers().values()) {
            if (!b.fenced()) {
                candidates.add(b.brokerId());
            }
        }
        List<Integer> stale = heartbeats.staleBrokers(candidates, nowMs);
        if (stale.isEmpty()) {
            return ControllerResult.noRecords(List.of());
        }
        Scratch scratch = new Scratch(image);
        for (int id : stale) {
            long silentMs = nowMs - heartbeats.lastContactMs(id).orElse(nowMs);
            fence(scratch, id, "session expired after " + silentMs + " ms without a heartbeat (timeout "
                    + heartbeats.sessionTimeoutMs() + " ms)");
        }
        return ControllerResult.of(scratch.records(), stale);
    }

    private void fence(Scratch scratch, int brokerId, String reason) {
        BrokerRegistration b = scratch.image().broker(brokerId);
        elections.removeBroker(scratch, brokerId, false, "fencing");
        scratch.add(new FenceBrokerRecord(brokerId, b.brokerEpoch()));
        log.info("Fencing broker {} (epoch {}): {}", brokerId, b.brokerEpoch(), reason);
    }
}

package io.tributary.wire.api.brokerheartbeat;

import java.util.List;
import java.util.UUID;

/**
 * A BrokerHeartbeat request: a registered broker's periodic proof of life, which also carries how far
 * it has replayed the metadata log and whether it wants to be fenced or to shut down.
 *
 * @param brokerEpoch           the epoch its registration was answered with
 * @param currentMetadataOffset the offset of the last metadata batch the broker has applied
 * @param wantFence             the broker is not ready to serve (still starting up)
 * @param wantShutDown          the broker is stopping and wants its leaderships moved away first
 * @param offlineLogDirs        ids of log directories that failed (v1+, a tagged field; empty before)
 */
public record BrokerHeartbeatRequest(
        int brokerId,
        long brokerEpoch,
        long currentMetadataOffset,
        boolean wantFence,
        boolean wantShutDown,
        List<UUID> offlineLogDirs) {

    public BrokerHeartbeatRequest {
        offlineLogDirs = List.copyOf(offlineLogDirs);
    }
}

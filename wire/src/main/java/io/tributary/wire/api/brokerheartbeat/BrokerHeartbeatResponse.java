package io.tributary.wire.api.brokerheartbeat;

import io.tributary.common.ErrorCode;

/**
 * A BrokerHeartbeat response.
 *
 * @param isCaughtUp     the broker has replayed metadata up to its own registration
 * @param isFenced       the broker is fenced (leads nothing, is in no ISR)
 * @param shouldShutDown the broker's controlled shutdown is complete and it may stop now
 */
public record BrokerHeartbeatResponse(int throttleTimeMs, ErrorCode error, boolean isCaughtUp, boolean isFenced, boolean shouldShutDown) {

    /** A failed heartbeat: the broker must consider itself fenced, as Kafka's defaults say. */
    public static BrokerHeartbeatResponse failed(ErrorCode error) {
        return new BrokerHeartbeatResponse(0, error, false, true, false);
    }
}

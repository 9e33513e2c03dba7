package io.tributary.metadata.controller.api;

/**
 * @param isCaughtUp the broker has applied metadata up to its own registration
 * @param isFenced whether the broker is (or, once this heartbeat's records commit, will be) fenced
 * @param shouldShutDown the broker's controlled shutdown is complete and it may stop now
 */
public record BrokerHeartbeatResponse(ApiError error, boolean isCaughtUp, boolean isFenced, boolean shouldShutDown) {

    public static BrokerHeartbeatResponse failed(ApiError error) {
        return new BrokerHeartbeatResponse(error, false, true, false);
    }
}

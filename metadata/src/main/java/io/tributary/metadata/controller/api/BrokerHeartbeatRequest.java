package io.tributary.metadata.controller.api;

/**
 * A broker's periodic heartbeat.
 *
 * @param currentMetadataOffset the offset of the last metadata batch the broker applied
 * @param wantFence the broker wants to be fenced (it is not ready to serve)
 * @param wantShutDown the broker is shutting down and wants its leaderships moved away first
 */
public record BrokerHeartbeatRequest(int brokerId, long brokerEpoch, long currentMetadataOffset, boolean wantFence,
                                     boolean wantShutDown) implements ControllerCommand<BrokerHeartbeatResponse> {
}

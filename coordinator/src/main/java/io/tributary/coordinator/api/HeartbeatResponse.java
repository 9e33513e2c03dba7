package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

/** Heartbeat's answer; REBALANCE_IN_PROGRESS tells the member to rejoin. */
public record HeartbeatResponse(ErrorCode error) implements CoordinatorResponse {
}

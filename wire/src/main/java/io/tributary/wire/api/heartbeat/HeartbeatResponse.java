package io.tributary.wire.api.heartbeat;

import io.tributary.common.ErrorCode;

/** A Heartbeat response: {@code REBALANCE_IN_PROGRESS} tells the member to rejoin. */
public record HeartbeatResponse(int throttleTimeMs, ErrorCode error) {
}

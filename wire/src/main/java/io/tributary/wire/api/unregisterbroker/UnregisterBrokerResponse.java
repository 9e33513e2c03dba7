package io.tributary.wire.api.unregisterbroker;

import io.tributary.common.ErrorCode;

/** An UnregisterBroker response. @param errorMessage null for none */
public record UnregisterBrokerResponse(int throttleTimeMs, ErrorCode error, String errorMessage) {
}

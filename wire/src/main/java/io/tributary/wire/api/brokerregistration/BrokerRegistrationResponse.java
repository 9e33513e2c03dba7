package io.tributary.wire.api.brokerregistration;

import io.tributary.common.ErrorCode;

/**
 * A BrokerRegistration response.
 *
 * @param brokerEpoch the epoch the controller assigned (the offset of the registration record), -1 on error
 */
public record BrokerRegistrationResponse(int throttleTimeMs, ErrorCode error, long brokerEpoch) {

    public static BrokerRegistrationResponse of(long brokerEpoch) {
        return new BrokerRegistrationResponse(0, ErrorCode.NONE, brokerEpoch);
    }
}

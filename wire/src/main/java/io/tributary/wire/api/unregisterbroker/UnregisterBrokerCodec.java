package io.tributary.wire.api.unregisterbroker;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.UnregisterBrokerRequestData;
import org.apache.kafka.common.message.UnregisterBrokerResponseData;

/** UnregisterBroker (key 64), version 0 (flexible). Brokers forward it to the controller. Nothing to normalise. */
public final class UnregisterBrokerCodec implements ApiCodec<UnregisterBrokerRequest, UnregisterBrokerResponse> {

    public static final short API_KEY = 64;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final UnregisterBrokerCodec INSTANCE = new UnregisterBrokerCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "UnregisterBroker";
    }

    @Override
    public short minVersion() {
        return UnregisterBrokerRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return UnregisterBrokerRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public UnregisterBrokerRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new UnregisterBrokerRequestData(), body, header.apiVersion(), d -> new UnregisterBrokerRequest(d.brokerId()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, UnregisterBrokerResponse r) {
        return ResponseEncoder.encode(header, new UnregisterBrokerResponseData()
                .setThrottleTimeMs(r.throttleTimeMs())
                .setErrorCode(Convert.code(r.error()))
                .setErrorMessage(r.errorMessage()));
    }

    @Override
    public UnregisterBrokerResponse errorResponse(RequestHeader header, UnregisterBrokerRequest request, ErrorCode error) {
        return new UnregisterBrokerResponse(0, error, null);
    }
}

package io.tributary.wire.api.unregisterbroker;

import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import org.apache.kafka.common.message.UnregisterBrokerRequestData;
import org.apache.kafka.common.message.UnregisterBrokerResponseData;

/** The client side of UnregisterBroker (key 64): a broker forwarding an admin's request. Default version {@value #DEFAULT_VERSION}. */
public final class UnregisterBrokerClientCodec extends AbstractClientCodec<UnregisterBrokerRequest, UnregisterBrokerResponse,
        UnregisterBrokerRequestData, UnregisterBrokerResponseData> {

    public static final short DEFAULT_VERSION = 0;

    public static final UnregisterBrokerClientCodec INSTANCE = new UnregisterBrokerClientCodec();

    private UnregisterBrokerClientCodec() {
        super(UnregisterBrokerCodec.API_KEY, "UnregisterBroker", UnregisterBrokerRequestData.LOWEST_SUPPORTED_VERSION,
                UnregisterBrokerRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected UnregisterBrokerRequestData requestData(short version, UnregisterBrokerRequest r) {
        return new UnregisterBrokerRequestData().setBrokerId(r.brokerId());
    }

    @Override
    protected UnregisterBrokerResponseData emptyResponse() {
        return new UnregisterBrokerResponseData();
    }

    @Override
    protected UnregisterBrokerResponse response(short version, UnregisterBrokerResponseData d) {
        return new UnregisterBrokerResponse(d.throttleTimeMs(), Convert.error(d.errorCode()), d.errorMessage());
    }
}

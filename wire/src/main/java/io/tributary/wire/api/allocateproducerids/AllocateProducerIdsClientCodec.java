package io.tributary.wire.api.allocateproducerids;

import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import org.apache.kafka.common.message.AllocateProducerIdsRequestData;
import org.apache.kafka.common.message.AllocateProducerIdsResponseData;

/**
 * The client side of AllocateProducerIds (key 67): a broker asking the active controller for a block of
 * producer ids to answer InitProducerId from. Default version {@value #DEFAULT_VERSION}.
 */
public final class AllocateProducerIdsClientCodec extends AbstractClientCodec<AllocateProducerIdsRequest, AllocateProducerIdsResponse,
        AllocateProducerIdsRequestData, AllocateProducerIdsResponseData> {

    public static final short DEFAULT_VERSION = 0;

    public static final AllocateProducerIdsClientCodec INSTANCE = new AllocateProducerIdsClientCodec();

    private AllocateProducerIdsClientCodec() {
        super(AllocateProducerIdsCodec.API_KEY, "AllocateProducerIds", AllocateProducerIdsRequestData.LOWEST_SUPPORTED_VERSION,
                AllocateProducerIdsRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected AllocateProducerIdsRequestData requestData(short version, AllocateProducerIdsRequest r) {
        return new AllocateProducerIdsRequestData().setBrokerId(r.brokerId()).setBrokerEpoch(r.brokerEpoch());
    }

    @Override
    protected AllocateProducerIdsResponseData emptyResponse() {
        return new AllocateProducerIdsResponseData();
    }

    @Override
    protected AllocateProducerIdsResponse response(short version, AllocateProducerIdsResponseData d) {
        return new AllocateProducerIdsResponse(d.throttleTimeMs(), Convert.error(d.errorCode()), d.producerIdStart(), d.producerIdLen());
    }
}

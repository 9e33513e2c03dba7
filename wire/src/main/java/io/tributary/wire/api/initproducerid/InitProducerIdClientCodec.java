package io.tributary.wire.api.initproducerid;

import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;

/**
 * The client side of InitProducerId (key 22). Default version {@value #DEFAULT_VERSION}. An epoch
 * bump (producer id and epoch set) needs v3+ and two-phase commit v6+; older versions refuse them
 * rather than silently asking for a fresh id.
 */
public final class InitProducerIdClientCodec
        extends AbstractClientCodec<InitProducerIdRequest, InitProducerIdResponse, InitProducerIdRequestData, InitProducerIdResponseData> {

    public static final short DEFAULT_VERSION = 6;

    public static final InitProducerIdClientCodec INSTANCE = new InitProducerIdClientCodec();

    private InitProducerIdClientCodec() {
        super(InitProducerIdCodec.API_KEY, "InitProducerId", InitProducerIdRequestData.LOWEST_SUPPORTED_VERSION,
                InitProducerIdRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected InitProducerIdRequestData requestData(short version, InitProducerIdRequest r) {
        return new InitProducerIdRequestData()
                .setTransactionalId(r.transactionalId())
                .setTransactionTimeoutMs(r.transactionTimeoutMs())
                .setProducerId(r.producerId())
                .setProducerEpoch(r.producerEpoch())
                .setEnable2Pc(r.enable2Pc())
                .setKeepPreparedTxn(r.keepPreparedTxn());
    }

    @Override
    protected InitProducerIdResponseData emptyResponse() {
        return new InitProducerIdResponseData();
    }

    @Override
    protected InitProducerIdResponse response(short version, InitProducerIdResponseData d) {
        return new InitProducerIdResponse(d.throttleTimeMs(), Convert.error(d.errorCode()), d.producerId(), d.producerEpoch(),
                d.ongoingTxnProducerId(), d.ongoingTxnProducerEpoch());
    }
}

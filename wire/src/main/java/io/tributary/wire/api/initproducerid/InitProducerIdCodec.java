package io.tributary.wire.api.initproducerid;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;

/**
 * InitProducerId (key 22), versions 0-6. librdkafka 2.0.2 uses up to v4, kafkajs 2.2.4 up to v1, the
 * Java client v5/v6. Versions that matter: v2 (flexible), v3 (current producer id and epoch for epoch
 * bumps, KIP-360), v6 (two-phase commit, KIP-939).
 *
 * <p>Normalisation: the v3+ fields read -1 before v3, the v6 flags false before v6.
 */
public final class InitProducerIdCodec implements ApiCodec<InitProducerIdRequest, InitProducerIdResponse> {

    public static final short API_KEY = 22;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final InitProducerIdCodec INSTANCE = new InitProducerIdCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "InitProducerId";
    }

    @Override
    public short minVersion() {
        return InitProducerIdRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return InitProducerIdRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public InitProducerIdRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new InitProducerIdRequestData(), body, header.apiVersion(), d -> new InitProducerIdRequest(
                d.transactionalId(), d.transactionTimeoutMs(), d.producerId(), d.producerEpoch(), d.enable2Pc(), d.keepPreparedTxn()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, InitProducerIdResponse r) {
        InitProducerIdResponseData d = new InitProducerIdResponseData()
                .setThrottleTimeMs(r.throttleTimeMs())
                .setErrorCode(Convert.code(r.error()))
                .setProducerId(r.producerId())
                .setProducerEpoch(r.producerEpoch());
        // The ongoing-transaction fields are refused with non-default values before v6.
        if (header.apiVersion() >= 6) {
            d.setOngoingTxnProducerId(r.ongoingTxnProducerId()).setOngoingTxnProducerEpoch(r.ongoingTxnProducerEpoch());
        }
        return ResponseEncoder.encode(header, d);
    }

    /** The request fails with {@code error}, with no producer id. */
    @Override
    public InitProducerIdResponse errorResponse(RequestHeader header, InitProducerIdRequest request, ErrorCode error) {
        return new InitProducerIdResponse(0, error, -1L, (short) -1, -1L, (short) -1);
    }
}

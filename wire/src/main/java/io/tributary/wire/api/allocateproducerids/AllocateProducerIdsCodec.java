package io.tributary.wire.api.allocateproducerids;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.AllocateProducerIdsRequestData;
import org.apache.kafka.common.message.AllocateProducerIdsResponseData;

/** AllocateProducerIds (key 67), version 0 (flexible), controller listener only. Nothing to normalise. */
public final class AllocateProducerIdsCodec implements ApiCodec<AllocateProducerIdsRequest, AllocateProducerIdsResponse> {

    public static final short API_KEY = 67;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final AllocateProducerIdsCodec INSTANCE = new AllocateProducerIdsCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "AllocateProducerIds";
    }

    @Override
    public short minVersion() {
        return AllocateProducerIdsRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return AllocateProducerIdsRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public AllocateProducerIdsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new AllocateProducerIdsRequestData(), body, header.apiVersion(),
                d -> new AllocateProducerIdsRequest(d.brokerId(), d.brokerEpoch()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, AllocateProducerIdsResponse r) {
        return ResponseEncoder.encode(header, new AllocateProducerIdsResponseData()
                .setThrottleTimeMs(r.throttleTimeMs())
                .setErrorCode(Convert.code(r.error()))
                .setProducerIdStart(r.producerIdStart())
                .setProducerIdLen(r.producerIdLen()));
    }

    /** The request fails with {@code error} and no block. */
    @Override
    public AllocateProducerIdsResponse errorResponse(RequestHeader header, AllocateProducerIdsRequest request, ErrorCode error) {
        return new AllocateProducerIdsResponse(0, error, -1L, 0);
    }
}

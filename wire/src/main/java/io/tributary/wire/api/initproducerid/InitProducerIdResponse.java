package io.tributary.wire.api.initproducerid;

import io.tributary.common.ErrorCode;

/**
 * An InitProducerId response. The ongoing-transaction fields (v6+, KIP-939) are dropped before v6.
 *
 * @param producerId -1 on error
 */
public record InitProducerIdResponse(
        int throttleTimeMs,
        ErrorCode error,
        long producerId,
        short producerEpoch,
        long ongoingTxnProducerId,
        short ongoingTxnProducerEpoch) {

    /** A successful answer with no ongoing transaction. */
    public static InitProducerIdResponse of(long producerId, short producerEpoch) {
        return new InitProducerIdResponse(0, ErrorCode.NONE, producerId, producerEpoch, -1L, (short) -1);
    }
}

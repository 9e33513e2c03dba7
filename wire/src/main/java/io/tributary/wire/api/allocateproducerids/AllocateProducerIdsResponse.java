package io.tributary.wire.api.allocateproducerids;

import io.tributary.common.ErrorCode;

/**
 * An AllocateProducerIds response: the block {@code [producerIdStart, producerIdStart + producerIdLen)}.
 *
 * @param producerIdStart -1 on error
 * @param producerIdLen   0 on error
 */
public record AllocateProducerIdsResponse(int throttleTimeMs, ErrorCode error, long producerIdStart, int producerIdLen) {

    public static AllocateProducerIdsResponse of(long producerIdStart, int producerIdLen) {
        return new AllocateProducerIdsResponse(0, ErrorCode.NONE, producerIdStart, producerIdLen);
    }
}

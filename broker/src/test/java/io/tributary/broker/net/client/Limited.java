package io.tributary.broker.net.client;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import java.nio.ByteBuffer;

/** A server codec that claims a narrower version range than the real one: a peer of an older release. */
record Limited<Q, R>(ApiCodec<Q, R> codec, short minVersion, short maxVersion) implements ApiCodec<Q, R> {

    static <Q, R> Limited<Q, R> to(ApiCodec<Q, R> codec, int min, int max) {
        return new Limited<>(codec, (short) min, (short) max);
    }

    @Override
    public short apiKey() {
        return codec.apiKey();
    }

    @Override
    public String name() {
        return codec.name();
    }

    @Override
    public Q decode(RequestHeader header, ByteBuffer body) {
        return codec.decode(header, body);
    }

    @Override
    public ResponseFrame encode(RequestHeader header, R response) {
        return codec.encode(header, response);
    }

    @Override
    public R errorResponse(RequestHeader header, Q request, ErrorCode error) {
        return codec.errorResponse(header, request, error);
    }
}

package io.tributary.wire.client;

import io.tributary.wire.ApiCodec;
import io.tributary.wire.ClientCodec;
import java.util.function.IntFunction;

/**
 * One API's two sides with sample records for each version: a request and a response holding only
 * values that version carries, so that a round trip through the wire must give them back equal.
 */
public record ApiPair<Q, R>(ApiCodec<Q, R> server, ClientCodec<Q, R> client, IntFunction<Q> request, IntFunction<R> response) {

    public Q request(short version) {
        return request.apply(version);
    }

    public R response(short version) {
        return response.apply(version);
    }

    @Override
    public String toString() {
        return client.name();
    }
}

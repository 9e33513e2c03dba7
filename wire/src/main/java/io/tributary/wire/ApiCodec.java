package io.tributary.wire;

import io.tributary.common.ErrorCode;
import java.nio.ByteBuffer;

/**
 * Translates one Kafka API between its bytes and Tributary's own request and response types
 * ({@code Q} and {@code R}), so that code outside this module never sees a kafka-clients class.
 * ApiVersions advertises the version ranges of the codecs in a listener's {@link ApiRegistry} and
 * nothing else, so a codec is registered exactly when the listener serves its API (the group codecs
 * exist before the coordinator that will serve them, and stay out of every registry until then).
 *
 * @param <Q> the request type the broker's handler receives
 * @param <R> the response type the broker's handler returns
 */
public interface ApiCodec<Q, R> {

    /** The Kafka API key, as on the wire. */
    short apiKey();

    /** The API's name as Kafka spells it (for logs). */
    String name();

    short minVersion();

    short maxVersion();

    /**
     * Reads a request body (the bytes after the header) at the header's version.
     *
     * @throws MalformedRequestException if the bytes do not parse, or parse but break a rule of the protocol
     */
    Q decode(RequestHeader header, ByteBuffer body);

    /** Writes a response frame, length prefix and response header included, at the request's version. */
    ResponseFrame encode(RequestHeader header, R response);

    /**
     * A response that answers every part of {@code request} with {@code error}: what the broker sends
     * when something fails before or instead of the handler (an internal error, a shutdown).
     */
    R errorResponse(RequestHeader header, Q request, ErrorCode error);
}

package io.tributary.wire;

/**
 * What {@link RequestReader} makes of one frame. Only {@link Ok} reaches a handler; the others are
 * answered (or the connection closed) by the network layer, which stays generic over APIs.
 */
public sealed interface ParsedRequest {

    /** A request the broker will handle: its header, its decoded body, and the codec to answer with. */
    record Ok<Q, R>(RequestHeader header, Q body, ApiCodec<Q, R> codec) implements ParsedRequest {
    }

    /**
     * A version outside what we advertise. For ApiVersions the broker still answers (in the v0 format,
     * with {@code UNSUPPORTED_VERSION} and the supported ranges) so that the client can pick a version;
     * for any other API the connection is closed, as Kafka does.
     */
    record UnsupportedVersion(RequestHeader header, ResponseFrame apiVersionsReply) implements ParsedRequest {
    }

    /** An API key we do not implement, or bytes that do not parse. The connection is closed. */
    record Malformed(String reason, RequestHeader headerOrNull) implements ParsedRequest {
    }
}

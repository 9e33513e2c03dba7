package io.tributary.wire;

import io.tributary.wire.api.apiversions.ApiVersionsCodec;
import io.tributary.wire.internal.RequestHeaderParser;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * Turns one request frame (without its 4-byte size prefix) into a {@link ParsedRequest}. It never
 * throws: whatever the bytes, the answer is {@code Ok}, {@code UnsupportedVersion} or a
 * {@code Malformed} that says what was wrong.
 *
 * <p>Byte layout of a frame: the request header (see {@link RequestHeaderParser}; v1 or v2 by
 * {@code ApiKeys.requestHeaderVersion}), then the body at the header's version. Trailing bytes after
 * the body are ignored, as Kafka ignores them.
 *
 * <p>Decoded requests may hold slices of {@code frame} (Produce record data, writable when the
 * frame is), so the frame's bytes must stay untouched, and must not be reused, until the request has
 * been handled. A direct frame stays direct: nothing is copied onto the heap. The reader does not
 * move the caller's position.
 */
public final class RequestReader {

    private final ApiRegistry registry;

    public RequestReader(ApiRegistry registry) {
        this.registry = registry;
    }

    public ParsedRequest read(ByteBuffer frame) {
        try {
            return readFrame(frame.duplicate());
        } catch (RuntimeException e) {
            // Every known failure is handled below; this is the backstop that keeps "never throws" true.
            return new ParsedRequest.Malformed("unexpected failure reading request: " + e, null);
        }
    }

    private ParsedRequest readFrame(ByteBuffer frame) {
        if (frame.remaining() < RequestHeaderParser.FIXED_BYTES) {
            return new ParsedRequest.Malformed("frame of " + frame.remaining() + " bytes is shorter than a request header", null);
        }
        RequestHeader fixed = RequestHeaderParser.fixedPart(frame);
        ApiCodec<?, ?> codec = registry.codec(fixed.apiKey());
        if (codec == null) {
            return new ParsedRequest.Malformed("API key " + fixed.apiKey() + " is not implemented", bestEffortHeader(frame, fixed));
        }
        short headerVersion = ApiKeys.forId(fixed.apiKey()).requestHeaderVersion(fixed.apiVersion());
        boolean inRange = fixed.apiVersion() >= codec.minVersion() && fixed.apiVersion() <= codec.maxVersion();
        if (!inRange) {
            RequestHeader header = bestEffortHeader(frame, fixed);
            ResponseFrame reply = fixed.apiKey() == ApiVersionsCodec.API_KEY
                    ? ApiVersionsCodec.unsupportedVersionReply(fixed.correlationId(), registry.advertised())
                    : null;
            return new ParsedRequest.UnsupportedVersion(header, reply);
        }
        RequestHeader header;
        try {
            header = RequestHeaderParser.parse(frame, headerVersion);
        } catch (MalformedRequestException e) {
            return new ParsedRequest.Malformed(e.getMessage(), fixed);
        }
        ByteBuffer body = frame.slice();
        try {
            return ok(header, codec, body);
        } catch (MalformedRequestException e) {
            return new ParsedRequest.Malformed(e.getMessage(), header);
        }
    }

    private static <Q, R> ParsedRequest ok(RequestHeader header, ApiCodec<Q, R> codec, ByteBuffer body) {
        return new ParsedRequest.Ok<>(header, codec.decode(header, body), codec);
    }

    /** The full header if it parses as v1 (enough for the client id in a log line), else the fixed part. */
    private static RequestHeader bestEffortHeader(ByteBuffer frame, RequestHeader fixed) {
        try {
            return RequestHeaderParser.parse(frame.duplicate(), (short) 1);
        } catch (MalformedRequestException e) {
            return fixed;
        }
    }
}

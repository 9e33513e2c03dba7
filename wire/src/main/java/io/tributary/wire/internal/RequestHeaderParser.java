package io.tributary.wire.internal;

import io.tributary.wire.MalformedRequestException;
import io.tributary.wire.RequestHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request header by hand, because the broker must get at the correlation id even when the
 * rest of the request is garbage or of a version it does not know.
 *
 * <p>Byte layout (all integers big-endian):
 * <pre>
 *   offset 0   int16   apiKey
 *   offset 2   int16   apiVersion
 *   offset 4   int32   correlationId
 *   offset 8   int16   clientId length, -1 for null, then that many UTF-8 bytes (never compact)
 *   (v2 only)  uvarint tagged-field count, then per field: uvarint tag, uvarint size, size bytes
 * </pre>
 * Header v1 is used by non-flexible request versions, v2 by flexible ones; which one applies is
 * {@code ApiKeys.requestHeaderVersion(apiVersion)}, decided by the caller. On success the buffer's
 * position is at the first byte of the body.
 */
public final class RequestHeaderParser {

    /** apiKey + apiVersion + correlationId: what every frame must have for us to answer at all. */
    public static final int FIXED_BYTES = 8;

    private RequestHeaderParser() {
    }

    /** Reads the fixed part only; the caller has checked that {@link #FIXED_BYTES} remain. */
    public static RequestHeader fixedPart(ByteBuffer frame) {
        int p = frame.position();
        return new RequestHeader(frame.getShort(p), frame.getShort(p + 2), frame.getInt(p + 4), null);
    }

    /**
     * Reads the whole header, leaving {@code frame} positioned at the body.
     *
     * @throws MalformedRequestException if the header is cut short or its lengths do not fit the frame
     */
    public static RequestHeader parse(ByteBuffer frame, short headerVersion) {
        if (frame.remaining() < FIXED_BYTES + 2) {
            throw new MalformedRequestException("frame of " + frame.remaining() + " bytes is too short for a request header");
        }
        short apiKey = frame.getShort();
        short apiVersion = frame.getShort();
        int correlationId = frame.getInt();
        short clientIdLength = frame.getShort();
        String clientId;
        if (clientIdLength == -1) {
            clientId = null;
        } else if (clientIdLength < 0 || clientIdLength > frame.remaining()) {
            throw new MalformedRequestException("client id length " + clientIdLength + " does not fit the "
                    + frame.remaining() + " bytes left in the header");
        } else {
            byte[] bytes = new byte[clientIdLength];
            frame.get(bytes);
            clientId = new String(bytes, StandardCharsets.UTF_8);
        }
        if (headerVersion >= 2) {
            skipTaggedFields(frame);
        }
        return new RequestHeader(apiKey, apiVersion, correlationId, clientId);
    }

    private static void skipTaggedFields(ByteBuffer frame) {
        int count = readUnsignedVarint(frame);
        // Each tagged field takes at least two bytes (tag and size), which bounds the loop by the frame.
        if (count > frame.remaining() / 2) {
            throw new MalformedRequestException("header claims " + count + " tagged fields in " + frame.remaining() + " bytes");
        }
        for (int i = 0; i < count; i++) {
            readUnsignedVarint(frame);
            int size = readUnsignedVarint(frame);
            if (size > frame.remaining()) {
                throw new MalformedRequestException("header tagged field of " + size + " bytes does not fit the "
                        + frame.remaining() + " bytes left");
            }
            frame.position(frame.position() + size);
        }
    }

    /** An unsigned varint of at most five bytes; negative results (values past 2^31-1) are refused. */
    static int readUnsignedVarint(ByteBuffer b) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!b.hasRemaining()) {
                throw new MalformedRequestException("header ends inside a varint");
            }
            byte x = b.get();
            value |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                if (value < 0) {
                    throw new MalformedRequestException("header varint out of range");
                }
                return value;
            }
        }
        throw new MalformedRequestException("header varint longer than five bytes");
    }
}

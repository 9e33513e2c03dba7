package io.tributary.e2e.harness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Kafka request frames built by hand, byte by byte, so tests can send what no client would.
 *
 * <pre>
 *   frame            = int32 size | header | body
 *   header v1        = int16 api_key | int16 api_version | int32 correlation_id | int16 client_id length | client_id bytes
 *   header v2        = header v1 | uvarint tagged-field count (0)
 *   ApiVersions v0   = header v1, empty body
 *   ApiVersions v0 response = int32 correlation_id | int16 error_code
 *                             | int32 count | count * (int16 api_key | int16 min_version | int16 max_version)
 * </pre>
 */
public final class RequestFrames {
    public static final short API_VERSIONS = 18;
    public static final short UNSUPPORTED_VERSION = 35;

    private RequestFrames() {
    }

    /** The header of a request, v1 (non-flexible) or v2 (flexible, with an empty tagged-field section). */
    public static byte[] header(int apiKey, int apiVersion, int correlationId, String clientId, boolean flexible) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(2 + 2 + 4 + 2 + id.length + (flexible ? 1 : 0));
        buffer.putShort((short) apiKey).putShort((short) apiVersion).putInt(correlationId)
                .putShort((short) id.length).put(id);
        if (flexible) {
            buffer.put((byte) 0);
        }
        return buffer.array();
    }

    /** Prefixes {@code parts} with their total size, as one frame. */
    public static byte[] frame(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        return withClaimedSize(size, parts);
    }

    /** Like {@link #frame}, but with whatever size the caller claims (oversized, negative, wrong). */
    public static byte[] withClaimedSize(int claimedSize, byte[]... parts) {
        int actual = 0;
        for (byte[] part : parts) {
            actual += part.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(4 + actual).putInt(claimedSize);
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return buffer.array();
    }

    /** A complete, valid ApiVersions v0 request. */
    public static byte[] apiVersionsV0(int correlationId) {
        return frame(header(API_VERSIONS, 0, correlationId, "tributary-e2e-raw", false));
    }

    /** An ApiVersions v0 response: its correlation id, error code, and advertised version ranges. */
    public record ApiVersionsV0(int correlationId, short errorCode, List<ApiRange> apis) {
        /** Parses a frame read by {@link RawConnection#readFrame}, failing loudly on a malformed one. */
        public static ApiVersionsV0 parse(ByteBuffer frame) {
            int correlationId = frame.getInt();
            short errorCode = frame.getShort();
            int count = frame.getInt();
            if (count < 0 || count > 1000) {
                throw new AssertionError("ApiVersions response claims " + count + " APIs");
            }
            List<ApiRange> apis = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                apis.add(new ApiRange(frame.getShort(), frame.getShort(), frame.getShort()));
            }
            if (frame.hasRemaining()) {
                throw new AssertionError(frame.remaining() + " bytes after the ApiVersions v0 response body");
            }
            return new ApiVersionsV0(correlationId, errorCode, List.copyOf(apis));
        }
    }

    /** One API's advertised version range. */
    public record ApiRange(short apiKey, short minVersion, short maxVersion) {
    }
}

package io.tributary.wire;

import java.nio.ByteBuffer;

/**
 * The client side of one Kafka API: what a broker uses to talk to a controller or, as a follower, to
 * another broker. It writes requests and reads responses with the same request and response records
 * the server side ({@link ApiCodec}) reads and writes, so a request encoded here decodes on the server
 * to an equal record, and a response encoded there decodes here to an equal one (at the versions that
 * carry every field; older versions drop what they do not carry, exactly as on the server side).
 *
 * <p>Byte layout of the request frame {@link #encodeRequest} returns (big-endian):
 * <pre>
 *   int32    size of everything after this field
 *   int16    apiKey
 *   int16    apiVersion
 *   int32    correlationId
 *   int16    clientId length, -1 for null, then UTF-8 bytes
 *   uvarint  0 = no tagged fields    (request header v2, i.e. flexible versions, only)
 *   ...      body at apiVersion
 * </pre>
 * Byte layout of the response frame {@link #decodeResponse} reads (the size prefix already removed by
 * the network layer):
 * <pre>
 *   int32    correlationId
 *   uvarint  tagged fields            (response header v1, i.e. flexible versions, except ApiVersions)
 *   ...      body at the request's version, and nothing after it
 * </pre>
 *
 * @param <Q> the request record (the same type the server-side codec decodes)
 * @param <R> the response record (the same type the server-side codec encodes)
 */
public interface ClientCodec<Q, R> {

    /** The Kafka API key, as on the wire. */
    short apiKey();

    /** The API's name as Kafka spells it (for logs). */
    String name();

    /** The oldest version this codec writes and reads. */
    short minVersion();

    /** The newest version this codec writes and reads. */
    short maxVersion();

    /**
     * The version to send when the peer's range is not known, or contains it: the highest version both
     * sides of a Tributary cluster support, since every node runs the same codecs.
     */
    short defaultVersion();

    /**
     * The whole request frame, size prefix included, ready for the socket.
     *
     * @throws IllegalArgumentException if {@code version} is out of range, or {@code request} holds a
     *                                  value that {@code version} cannot carry and that would change
     *                                  the request's meaning if dropped (fields that can be dropped
     *                                  without changing the meaning are dropped, as Kafka drops them)
     */
    ByteBuffer encodeRequest(short version, int correlationId, String clientId, Q request);

    /** {@link #encodeRequest(short, int, String, Object)} at {@link #defaultVersion()}. */
    default ByteBuffer encodeRequest(int correlationId, String clientId, Q request) {
        return encodeRequest(defaultVersion(), correlationId, clientId, request);
    }

    /**
     * Reads one response frame (without its size prefix): the response header for {@code version},
     * then the body. The buffer's position is not moved. The response may hold slices of the frame
     * (Fetch record data), so its bytes must stay untouched while the response is in use.
     *
     * @param version the version the request was sent at
     * @throws MalformedResponseException if the bytes do not parse as that version, or bytes are left over
     * @throws IllegalArgumentException   if {@code version} is out of range (a bug in the caller)
     */
    R decodeResponse(short version, ByteBuffer responseFrameWithoutSizePrefix);

    /**
     * The version to use with a peer that advertised {@code peer} for this API: {@link #defaultVersion()}
     * brought into the range both sides support, or -1 if the ranges do not meet.
     */
    default short versionFor(ApiVersionRange peer) {
        if (peer.apiKey() != apiKey()) {
            throw new IllegalArgumentException("range for API key " + peer.apiKey() + " given to the " + name() + " codec");
        }
        int low = Math.max(minVersion(), peer.minVersion());
        int high = Math.min(maxVersion(), peer.maxVersion());
        if (low > high) {
            return -1;
        }
        return (short) Math.max(low, Math.min(high, defaultVersion()));
    }

    /**
     * The correlation id of a response frame (without its size prefix), read without moving the
     * buffer's position: every response header starts with it, so the network layer can match the
     * frame to its request before it knows which API answered.
     *
     * @throws MalformedResponseException if the frame is shorter than four bytes
     */
    static int correlationId(ByteBuffer responseFrameWithoutSizePrefix) {
        ByteBuffer f = responseFrameWithoutSizePrefix;
        if (f.remaining() < Integer.BYTES) {
            throw new MalformedResponseException("response frame of " + f.remaining() + " bytes is too short for a correlation id");
        }
        return f.getInt(f.position());
    }
}

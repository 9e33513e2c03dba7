package io.tributary.wire.internal;

import io.tributary.wire.ClientCodec;
import io.tributary.wire.MalformedResponseException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/**
 * The frame handling every {@link ClientCodec} shares, so that each API's codec only maps its records
 * to and from kafka-clients' generated message classes.
 *
 * <p>Request frame written (big-endian): int32 size of the rest, then the request header (int16
 * apiKey, int16 apiVersion, int32 correlationId, int16-length clientId, and from header v2 a uvarint
 * count of tagged fields), then the body. Response frame read (size prefix removed): int32
 * correlationId, from response header v1 the tagged fields, then the body, which must use up the
 * frame exactly. Header versions follow {@code ApiKeys.requestHeaderVersion} and
 * {@code responseHeaderVersion}.
 *
 * @param <Q>  the request record
 * @param <R>  the response record
 * @param <QD> the generated request class
 * @param <RD> the generated response class
 */
public abstract class AbstractClientCodec<Q, R, QD extends ApiMessage, RD extends ApiMessage> implements ClientCodec<Q, R> {

    private static final int SIZE_PREFIX_BYTES = 4;

    private final ApiKeys key;
    private final String name;
    private final short minVersion;
    private final short maxVersion;
    private final short defaultVersion;

    protected AbstractClientCodec(short apiKey, String name, short minVersion, short maxVersion, short defaultVersion) {
        if (minVersion > defaultVersion || defaultVersion > maxVersion) {
            throw new IllegalArgumentException(name + ": default version " + defaultVersion + " outside " + minVersion + ".." + maxVersion);
        }
        this.key = ApiKeys.forId(apiKey);
        this.name = name;
        this.minVersion = minVersion;
        this.maxVersion = maxVersion;
        this.defaultVersion = defaultVersion;
    }

    /** The generated request for {@code request} at {@code version}, with only the fields that version carries set. */
    protected abstract QD requestData(short version, Q request);

    /** A fresh generated response to read into. */
    protected abstract RD emptyResponse();

    /**
     * The response record for what was read at {@code version}. A value the protocol forbids may be
     * refused with any runtime exception; it becomes a {@link MalformedResponseException}.
     */
    protected abstract R response(short version, RD data);

    @Override
    public final short apiKey() {
        return key.id;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final short minVersion() {
        return minVersion;
    }

    @Override
    public final short maxVersion() {
        return maxVersion;
    }

    @Override
    public final short defaultVersion() {
        return defaultVersion;
    }

    @Override
    public final ByteBuffer encodeRequest(short version, int correlationId, String clientId, Q request) {
        checkVersion(version);
        QD body = requestData(version, request);
        short headerVersion = key.requestHeaderVersion(version);
        RequestHeaderData header = new RequestHeaderData()
                .setRequestApiKey(key.id)
                .setRequestApiVersion(version)
                .setCorrelationId(correlationId)
                .setClientId(clientId);
        try {
            ObjectSerializationCache cache = new ObjectSerializationCache();
            int size = header.size(cache, headerVersion) + body.size(cache, version);
            ByteBuffer frame = ByteBuffer.allocate(SIZE_PREFIX_BYTES + size);
            frame.putInt(size);
            ByteBufferAccessor out = new ByteBufferAccessor(frame);
            header.write(out, cache, headerVersion);
            body.write(out, cache, version);
            if (frame.hasRemaining()) {
                throw new IllegalStateException(name + " v" + version + " request: size and write disagree by " + frame.remaining() + " bytes");
            }
            return frame.flip();
        } catch (UnsupportedVersionException e) {
            // The generated writer refuses a non-default value in a field the version lacks when dropping
            // it would change what the request means (an unclean election sent as a preferred one, say).
            throw new IllegalArgumentException(name + " v" + version + " cannot carry this request: " + e.getMessage(), e);
        } catch (NullPointerException e) {
            // A null where the protocol has no null (a topic name before ids existed, say).
            throw new IllegalArgumentException(name + " v" + version + " request has a null in a field that cannot be null", e);
        }
    }

    @Override
    public R decodeResponse(short version, ByteBuffer responseFrameWithoutSizePrefix) {
        checkVersion(version);
        return read(version, key.responseHeaderVersion(version), responseFrameWithoutSizePrefix);
    }

    /**
     * Reads a frame with an explicit response header version (ApiVersions answers with header v0 at
     * every version, and with a v0 body when it refuses the version, KIP-511).
     */
    protected final R read(short bodyVersion, short headerVersion, ByteBuffer frame) {
        ByteBuffer buf = frame.duplicate();
        String what = name + " v" + bodyVersion + " response";
        ByteBufferAccessor in = new ByteBufferAccessor(buf);
        try {
            new ResponseHeaderData(in, headerVersion);
        } catch (RuntimeException e) {
            throw new MalformedResponseException(what + " header does not parse: " + Messages.describe(e), e);
        }
        RD data = emptyResponse();
        try {
            data.read(in, bodyVersion);
        } catch (RuntimeException e) {
            throw new MalformedResponseException(what + " body does not parse: " + Messages.describe(e), e);
        }
        if (buf.hasRemaining()) {
            throw new MalformedResponseException(what + " has " + buf.remaining() + " bytes after the body");
        }
        try {
            return response(bodyVersion, data);
        } catch (MalformedResponseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedResponseException(what + " is invalid: " + Messages.describe(e), e);
        }
    }

    protected final void checkVersion(short version) {
        if (version < minVersion || version > maxVersion) {
            throw new IllegalArgumentException(name + " version " + version + " outside " + minVersion + ".." + maxVersion);
        }
    }
}

package io.tributary.wire.api.apiversions;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiVersionRange;
import io.tributary.wire.MalformedResponseException;
import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;

/**
 * The client side of ApiVersions (key 18): what a broker sends first on a connection to a controller
 * or another broker. Default version {@value #DEFAULT_VERSION}.
 *
 * <p>The response header is v0 at every version (KIP-511). A peer that does not support the version
 * sent answers with a v0 body carrying {@code UNSUPPORTED_VERSION} and its ranges; this codec reads
 * that answer too, so the caller can retry at a version both sides know. The client software fields
 * are informational and dropped before v3.
 */
public final class ApiVersionsClientCodec
        extends AbstractClientCodec<ApiVersionsRequest, ApiVersionsResponse, ApiVersionsRequestData, ApiVersionsResponseData> {

    public static final short DEFAULT_VERSION = 4;

    public static final ApiVersionsClientCodec INSTANCE = new ApiVersionsClientCodec();

    private ApiVersionsClientCodec() {
        super(ApiVersionsCodec.API_KEY, "ApiVersions", ApiVersionsRequestData.LOWEST_SUPPORTED_VERSION,
                ApiVersionsRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected ApiVersionsRequestData requestData(short version, ApiVersionsRequest r) {
        ApiVersionsRequestData d = new ApiVersionsRequestData();
        if (version >= 3) {
            d.setClientSoftwareName(r.clientSoftwareName()).setClientSoftwareVersion(r.clientSoftwareVersion());
        }
        return d;
    }

    @Override
    protected ApiVersionsResponseData emptyResponse() {
        return new ApiVersionsResponseData();
    }

    @Override
    public ApiVersionsResponse decodeResponse(short version, ByteBuffer frame) {
        checkVersion(version);
        try {
            return read(version, (short) 0, frame);
        } catch (MalformedResponseException e) {
            if (version == 0) {
                throw e;
            }
            ApiVersionsResponse v0;
            try {
                v0 = read((short) 0, (short) 0, frame);
            } catch (MalformedResponseException ignored) {
                throw e;
            }
            if (v0.error() != ErrorCode.UNSUPPORTED_VERSION) {
                throw e;
            }
            return v0;
        }
    }

    @Override
    protected ApiVersionsResponse response(short version, ApiVersionsResponseData d) {
        return new ApiVersionsResponse(
                Convert.error(d.errorCode()),
                Convert.mapAll(d.apiKeys(), k -> new ApiVersionRange(k.apiKey(), k.minVersion(), k.maxVersion())),
                d.throttleTimeMs(),
                Convert.mapAll(d.supportedFeatures(), f -> new ApiVersionsResponse.Feature(f.name(), f.minVersion(), f.maxVersion())),
                d.finalizedFeaturesEpoch(),
                Convert.mapAll(d.finalizedFeatures(), f -> new ApiVersionsResponse.Feature(f.name(), f.minVersionLevel(), f.maxVersionLevel())));
    }
}

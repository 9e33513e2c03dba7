package io.tributary.wire.api.apiversions;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.ApiVersionRange;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;

/**
 * ApiVersions (key 18), versions 0-4. Every client sends it first; librdkafka 2.0.2 sends v3 (v0 as a
 * fallback), kafkajs 2.2.4 up to v2, the Java client v4.
 *
 * <p>Normalisation: the v3+ client software fields read as empty strings at older versions. The
 * response header is always v0, even for flexible versions (KIP-511), so that a client can read the
 * answer before it knows our versions. A request at a version we do not support is not decoded at
 * all: {@link #unsupportedVersionReply} answers it in the v0 layout.
 */
public final class ApiVersionsCodec implements ApiCodec<ApiVersionsRequest, ApiVersionsResponse> {

    public static final short API_KEY = 18;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final ApiVersionsCodec INSTANCE = new ApiVersionsCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "ApiVersions";
    }

    @Override
    public short minVersion() {
        return ApiVersionsRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return ApiVersionsRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public ApiVersionsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new ApiVersionsRequestData(), body, header.apiVersion(),
                d -> new ApiVersionsRequest(d.clientSoftwareName(), d.clientSoftwareVersion()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, ApiVersionsResponse response) {
        return ResponseEncoder.encode(header, toData(response));
    }

    /** Kafka's answer to a failed ApiVersions: the error, and only ApiVersions' own range if the version was the problem. */
    @Override
    public ApiVersionsResponse errorResponse(RequestHeader header, ApiVersionsRequest request, ErrorCode error) {
        List<ApiVersionRange> keys = error == ErrorCode.UNSUPPORTED_VERSION
                ? List.of(new ApiVersionRange(API_KEY, minVersion(), maxVersion()))
                : List.of();
        return new ApiVersionsResponse(error, keys, 0, List.of(), -1L, List.of());
    }

    /**
     * The reply to an ApiVersions request at a version we do not support (KIP-511): the v0 body layout
     * with {@code UNSUPPORTED_VERSION} and all our ranges, behind a v0 response header, so that any
     * client can read it and retry at a version in range.
     */
    public static ResponseFrame unsupportedVersionReply(int correlationId, List<ApiVersionRange> advertised) {
        ApiVersionsResponse r = new ApiVersionsResponse(ErrorCode.UNSUPPORTED_VERSION, advertised, 0, List.of(), -1L, List.of());
        return ResponseEncoder.encode(correlationId, (short) 0, (short) 0, toData(r));
    }

    private static ApiVersionsResponseData toData(ApiVersionsResponse r) {
        ApiVersionsResponseData d = new ApiVersionsResponseData()
                .setErrorCode(Convert.code(r.error()))
                .setThrottleTimeMs(r.throttleTimeMs())
                .setFinalizedFeaturesEpoch(r.finalizedFeaturesEpoch());
        for (ApiVersionRange k : r.apiKeys()) {
            d.apiKeys().add(new ApiVersionsResponseData.ApiVersion()
                    .setApiKey(k.apiKey()).setMinVersion(k.minVersion()).setMaxVersion(k.maxVersion()));
        }
        for (ApiVersionsResponse.Feature f : r.supportedFeatures()) {
            d.supportedFeatures().add(new ApiVersionsResponseData.SupportedFeatureKey()
                    .setName(f.name()).setMinVersion(f.minVersion()).setMaxVersion(f.maxVersion()));
        }
        for (ApiVersionsResponse.Feature f : r.finalizedFeatures()) {
            d.finalizedFeatures().add(new ApiVersionsResponseData.FinalizedFeatureKey()
                    .setName(f.name()).setMinVersionLevel(f.minVersion()).setMaxVersionLevel(f.maxVersion()));
        }
        return d;
    }
}

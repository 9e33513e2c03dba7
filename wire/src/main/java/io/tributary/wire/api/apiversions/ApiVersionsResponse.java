package io.tributary.wire.api.apiversions;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiVersionRange;
import java.util.List;

/**
 * An ApiVersions response. The feature fields (v3+) are dropped at older versions.
 *
 * @param finalizedFeaturesEpoch -1 when no features are finalized
 */
public record ApiVersionsResponse(
        ErrorCode error,
        List<ApiVersionRange> apiKeys,
        int throttleTimeMs,
        List<Feature> supportedFeatures,
        long finalizedFeaturesEpoch,
        List<Feature> finalizedFeatures) {

    public ApiVersionsResponse {
        apiKeys = List.copyOf(apiKeys);
        supportedFeatures = List.copyOf(supportedFeatures);
        finalizedFeatures = List.copyOf(finalizedFeatures);
    }

    /** The plain answer: no error, these ranges, no features. */
    public static ApiVersionsResponse of(List<ApiVersionRange> apiKeys) {
        return new ApiVersionsResponse(ErrorCode.NONE, apiKeys, 0, List.of(), -1L, List.of());
    }

    /** A feature and its version range (for finalized features: its min and max version level). */
    public record Feature(String name, short minVersion, short maxVersion) {
    }
}

package io.tributary.wire;

import io.tributary.wire.api.apiversions.ApiVersionsCodec;
import io.tributary.wire.api.createpartitions.CreatePartitionsCodec;
import io.tributary.wire.api.createtopics.CreateTopicsCodec;
import io.tributary.wire.api.deletetopics.DeleteTopicsCodec;
import io.tributary.wire.api.describecluster.DescribeClusterCodec;
import io.tributary.wire.api.describeconfigs.DescribeConfigsCodec;
import io.tributary.wire.api.fetch.FetchCodec;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsCodec;
import io.tributary.wire.api.initproducerid.InitProducerIdCodec;
import io.tributary.wire.api.listoffsets.ListOffsetsCodec;
import io.tributary.wire.api.metadata.MetadataCodec;
import io.tributary.wire.api.produce.ProduceCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The APIs this broker implements: one codec per API key. What ApiVersions advertises is derived from
 * this list and nothing else, so an API is advertised exactly when it can be decoded.
 */
public final class ApiRegistry {

    private static final int MAX_API_KEY = Short.MAX_VALUE;

    private final ApiCodec<?, ?>[] byKey;
    private final List<ApiCodec<?, ?>> codecs;
    private final List<ApiVersionRange> advertised;

    public ApiRegistry(List<ApiCodec<?, ?>> codecs) {
        List<ApiCodec<?, ?>> sorted = new ArrayList<>(codecs);
        sorted.sort(Comparator.comparingInt(ApiCodec::apiKey));
        int maxKey = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1).apiKey();
        if (maxKey < 0 || maxKey > MAX_API_KEY) {
            throw new IllegalArgumentException("API key out of range: " + maxKey);
        }
        this.byKey = new ApiCodec<?, ?>[maxKey + 1];
        List<ApiVersionRange> ranges = new ArrayList<>();
        for (ApiCodec<?, ?> c : sorted) {
            if (c.apiKey() < 0) {
                throw new IllegalArgumentException("negative API key " + c.apiKey() + " for " + c.name());
            }
            if (byKey[c.apiKey()] != null) {
                throw new IllegalArgumentException("two codecs for API key " + c.apiKey() + ": "
                        + byKey[c.apiKey()].name() + " and " + c.name());
            }
            byKey[c.apiKey()] = c;
            ranges.add(new ApiVersionRange(c.apiKey(), c.minVersion(), c.maxVersion()));
        }
        this.codecs = List.copyOf(sorted);
        this.advertised = List.copyOf(ranges);
    }

    /** Every API Tributary implements, at the version ranges of the pinned kafka-clients message classes. */
    public static ApiRegistry standard() {
        return new ApiRegistry(List.of(
                new ProduceCodec(),
                new FetchCodec(),
                new ListOffsetsCodec(),
                new MetadataCodec(),
                new ApiVersionsCodec(),
                new CreateTopicsCodec(),
                new DeleteTopicsCodec(),
                new InitProducerIdCodec(),
                new DescribeConfigsCodec(),
                new CreatePartitionsCodec(),
                new IncrementalAlterConfigsCodec(),
                new DescribeClusterCodec()));
    }

    /** The codec for an API key, or null if the API is not implemented. */
    public ApiCodec<?, ?> codec(short apiKey) {
        return apiKey >= 0 && apiKey < byKey.length ? byKey[apiKey] : null;
    }

    public List<ApiCodec<?, ?>> codecs() {
        return codecs;
    }

    /** The {@code (apiKey, minVersion, maxVersion)} list ApiVersions sends, ordered by API key. */
    public List<ApiVersionRange> advertised() {
        return advertised;
    }
}

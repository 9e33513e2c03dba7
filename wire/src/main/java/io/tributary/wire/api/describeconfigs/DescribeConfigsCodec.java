package io.tributary.wire.api.describeconfigs;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;

/**
 * DescribeConfigs (key 32), versions 1-4. librdkafka 2.0.2 uses v1 (always with synonyms), kafkajs
 * 2.2.4 up to v2, the Java admin client v4. Versions that matter: v1 (synonyms, config source),
 * v3 (config type and documentation), v4 (flexible).
 *
 * <p>Normalisation: a null key list ("every config") becomes {@code allKeys}; resource types stay
 * raw codes so that the answer echoes the request exactly.
 */
public final class DescribeConfigsCodec implements ApiCodec<DescribeConfigsRequest, DescribeConfigsResponse> {

    public static final short API_KEY = 32;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final DescribeConfigsCodec INSTANCE = new DescribeConfigsCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "DescribeConfigs";
    }

    @Override
    public short minVersion() {
        return DescribeConfigsRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return DescribeConfigsRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public DescribeConfigsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new DescribeConfigsRequestData(), body, header.apiVersion(), d -> new DescribeConfigsRequest(
                Convert.map(d.resources(), r -> new DescribeConfigsRequest.Resource(r.resourceType(), r.resourceName(),
                        r.configurationKeys() == null, r.configurationKeys() == null ? List.of() : r.configurationKeys())),
                d.includeSynonyms(),
                d.includeDocumentation()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, DescribeConfigsResponse r) {
        DescribeConfigsResponseData d = new DescribeConfigsResponseData().setThrottleTimeMs(r.throttleTimeMs());
        for (DescribeConfigsResponse.Result res : r.results()) {
            d.results().add(new DescribeConfigsResponseData.DescribeConfigsResult()
                    .setErrorCode(Convert.code(res.error()))
                    .setErrorMessage(res.errorMessage())
                    .setResourceType(res.resourceType())
                    .setResourceName(res.resourceName())
                    .setConfigs(Convert.map(res.configs(), e -> new DescribeConfigsResponseData.DescribeConfigsResourceResult()
                            .setName(e.name())
                            .setValue(e.value())
                            .setReadOnly(e.readOnly())
                            .setConfigSource(e.source().code())
                            .setIsSensitive(e.isSensitive())
                            .setSynonyms(Convert.map(e.synonyms(), s -> new DescribeConfigsResponseData.DescribeConfigsSynonym()
                                    .setName(s.name()).setValue(s.value()).setSource(s.source().code())))
                            .setConfigType(e.type().code())
                            .setDocumentation(e.documentation()))));
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every resource of the request fails with {@code error}. */
    @Override
    public DescribeConfigsResponse errorResponse(RequestHeader header, DescribeConfigsRequest request, ErrorCode error) {
        return new DescribeConfigsResponse(0, Convert.map(request.resources(),
                res -> new DescribeConfigsResponse.Result(error, null, res.resourceType(), res.resourceName(), List.of())));
    }
}

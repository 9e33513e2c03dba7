package io.tributary.wire.api.incrementalalterconfigs;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;

/**
 * IncrementalAlterConfigs (key 44), versions 0-1: how the Java admin client and
 * {@code kafka-configs.sh} change configs. librdkafka 2.0.2 and kafkajs 2.2.4 do not send it (they
 * use the older AlterConfigs, which Tributary does not implement). v1 is the flexible form of v0.
 *
 * <p>Normalisation: operation codes become {@link AlterConfigOp}, an undefined code reading as
 * {@link AlterConfigOp#UNKNOWN}; resource types stay raw codes so the answer echoes the request.
 */
public final class IncrementalAlterConfigsCodec implements ApiCodec<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse> {

    public static final short API_KEY = 44;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final IncrementalAlterConfigsCodec INSTANCE = new IncrementalAlterConfigsCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "IncrementalAlterConfigs";
    }

    @Override
    public short minVersion() {
        return IncrementalAlterConfigsRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return IncrementalAlterConfigsRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public IncrementalAlterConfigsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new IncrementalAlterConfigsRequestData(), body, header.apiVersion(), d -> new IncrementalAlterConfigsRequest(
                Convert.mapAll(d.resources(), r -> new IncrementalAlterConfigsRequest.Resource(r.resourceType(), r.resourceName(),
                        Convert.mapAll(r.configs(), c -> new IncrementalAlterConfigsRequest.AlterableConfig(
                                c.name(), AlterConfigOp.forCode(c.configOperation()), c.value())))),
                d.validateOnly()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, IncrementalAlterConfigsResponse r) {
        IncrementalAlterConfigsResponseData d = new IncrementalAlterConfigsResponseData().setThrottleTimeMs(r.throttleTimeMs());
        for (IncrementalAlterConfigsResponse.Result res : r.results()) {
            d.responses().add(new IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse()
                    .setErrorCode(Convert.code(res.error()))
                    .setErrorMessage(res.errorMessage())
                    .setResourceType(res.resourceType())
                    .setResourceName(res.resourceName()));
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every resource of the request fails with {@code error}. */
    @Override
    public IncrementalAlterConfigsResponse errorResponse(RequestHeader header, IncrementalAlterConfigsRequest request, ErrorCode error) {
        return new IncrementalAlterConfigsResponse(0, Convert.map(request.resources(),
                res -> new IncrementalAlterConfigsResponse.Result(error, null, res.resourceType(), res.resourceName())));
    }
}

package io.tributary.wire.api.alterconfigs;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;

/**
 * AlterConfigs (key 33), versions 0-2: the legacy whole-resource replace that librdkafka 2.0.2 and
 * kafkajs 2.2.4 send (up to v1); brokers forward it to the controller at v2. v1 only changes
 * throttling behaviour, v2 is the flexible form.
 *
 * <p>Normalisation: none needed; resource types stay raw codes so the answer echoes the request.
 */
public final class AlterConfigsCodec implements ApiCodec<AlterConfigsRequest, AlterConfigsResponse> {

    public static final short API_KEY = 33;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final AlterConfigsCodec INSTANCE = new AlterConfigsCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "AlterConfigs";
    }

    @Override
    public short minVersion() {
        return AlterConfigsRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return AlterConfigsRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public AlterConfigsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new AlterConfigsRequestData(), body, header.apiVersion(), d -> new AlterConfigsRequest(
                Convert.mapAll(d.resources(), r -> new AlterConfigsRequest.Resource(r.resourceType(), r.resourceName(),
                        Convert.mapAll(r.configs(), c -> new AlterConfigsRequest.Config(c.name(), c.value())))),
                d.validateOnly()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, AlterConfigsResponse r) {
        AlterConfigsResponseData d = new AlterConfigsResponseData().setThrottleTimeMs(r.throttleTimeMs());
        for (AlterConfigsResponse.Result res : r.results()) {
            d.responses().add(new AlterConfigsResponseData.AlterConfigsResourceResponse()
                    .setErrorCode(Convert.code(res.error()))
                    .setErrorMessage(res.errorMessage())
                    .setResourceType(res.resourceType())
                    .setResourceName(res.resourceName()));
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every resource of the request fails with {@code error}. */
    @Override
    public AlterConfigsResponse errorResponse(RequestHeader header, AlterConfigsRequest request, ErrorCode error) {
        return new AlterConfigsResponse(0, Convert.map(request.resources(),
                res -> new AlterConfigsResponse.Result(error, null, res.resourceType(), res.resourceName())));
    }
}

package io.tributary.wire.api.incrementalalterconfigs;

import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;

/**
 * The client side of IncrementalAlterConfigs (key 44): a broker forwarding a client's request to the
 * active controller. Default version {@value #DEFAULT_VERSION}.
 */
public final class IncrementalAlterConfigsClientCodec extends AbstractClientCodec<IncrementalAlterConfigsRequest,
        IncrementalAlterConfigsResponse, IncrementalAlterConfigsRequestData, IncrementalAlterConfigsResponseData> {

    public static final short DEFAULT_VERSION = 1;

    public static final IncrementalAlterConfigsClientCodec INSTANCE = new IncrementalAlterConfigsClientCodec();

    private IncrementalAlterConfigsClientCodec() {
        super(IncrementalAlterConfigsCodec.API_KEY, "IncrementalAlterConfigs", IncrementalAlterConfigsRequestData.LOWEST_SUPPORTED_VERSION,
                IncrementalAlterConfigsRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected IncrementalAlterConfigsRequestData requestData(short version, IncrementalAlterConfigsRequest r) {
        IncrementalAlterConfigsRequestData d = new IncrementalAlterConfigsRequestData().setValidateOnly(r.validateOnly());
        for (IncrementalAlterConfigsRequest.Resource res : r.resources()) {
            IncrementalAlterConfigsRequestData.AlterConfigsResource ar = new IncrementalAlterConfigsRequestData.AlterConfigsResource()
                    .setResourceType(res.resourceType()).setResourceName(res.resourceName());
            for (IncrementalAlterConfigsRequest.AlterableConfig c : res.configs()) {
                ar.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig()
                        .setName(c.name()).setConfigOperation(c.op().code()).setValue(c.value()));
            }
            d.resources().add(ar);
        }
        return d;
    }

    @Override
    protected IncrementalAlterConfigsResponseData emptyResponse() {
        return new IncrementalAlterConfigsResponseData();
    }

    @Override
    protected IncrementalAlterConfigsResponse response(short version, IncrementalAlterConfigsResponseData d) {
        return new IncrementalAlterConfigsResponse(d.throttleTimeMs(), Convert.map(d.responses(), res -> new IncrementalAlterConfigsResponse.Result(
                Convert.error(res.errorCode()), res.errorMessage(), res.resourceType(), res.resourceName())));
    }
}

package io.tributary.wire.api.alterconfigs;

import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;

/**
 * The client side of AlterConfigs (key 33): a broker forwarding a librdkafka or kafkajs request to the
 * active controller. Default version {@value #DEFAULT_VERSION}.
 */
public final class AlterConfigsClientCodec
        extends AbstractClientCodec<AlterConfigsRequest, AlterConfigsResponse, AlterConfigsRequestData, AlterConfigsResponseData> {

    public static final short DEFAULT_VERSION = 2;

    public static final AlterConfigsClientCodec INSTANCE = new AlterConfigsClientCodec();

    private AlterConfigsClientCodec() {
        super(AlterConfigsCodec.API_KEY, "AlterConfigs", AlterConfigsRequestData.LOWEST_SUPPORTED_VERSION,
                AlterConfigsRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected AlterConfigsRequestData requestData(short version, AlterConfigsRequest r) {
        AlterConfigsRequestData d = new AlterConfigsRequestData().setValidateOnly(r.validateOnly());
        for (AlterConfigsRequest.Resource res : r.resources()) {
            AlterConfigsRequestData.AlterConfigsResource ar = new AlterConfigsRequestData.AlterConfigsResource()
                    .setResourceType(res.resourceType()).setResourceName(res.resourceName());
            for (AlterConfigsRequest.Config c : res.configs()) {
                ar.configs().add(new AlterConfigsRequestData.AlterableConfig().setName(c.name()).setValue(c.value()));
            }
            d.resources().add(ar);
        }
        return d;
    }

    @Override
    protected AlterConfigsResponseData emptyResponse() {
        return new AlterConfigsResponseData();
    }

    @Override
    protected AlterConfigsResponse response(short version, AlterConfigsResponseData d) {
        return new AlterConfigsResponse(d.throttleTimeMs(), Convert.map(d.responses(), res -> new AlterConfigsResponse.Result(
                Convert.error(res.errorCode()), res.errorMessage(), res.resourceType(), res.resourceName())));
    }
}

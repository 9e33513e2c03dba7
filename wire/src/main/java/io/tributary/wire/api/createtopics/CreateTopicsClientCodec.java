package io.tributary.wire.api.createtopics;

import io.tributary.wire.api.ConfigSource;
import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import java.util.ArrayList;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;

/**
 * The client side of CreateTopics (key 19): a broker forwarding a client's request to the active
 * controller. Default version {@value #DEFAULT_VERSION}.
 *
 * <p>Normalisation on reading: a null config list (v5+, or absent before v5) reads as empty.
 */
public final class CreateTopicsClientCodec
        extends AbstractClientCodec<CreateTopicsRequest, CreateTopicsResponse, CreateTopicsRequestData, CreateTopicsResponseData> {

    public static final short DEFAULT_VERSION = 7;

    public static final CreateTopicsClientCodec INSTANCE = new CreateTopicsClientCodec();

    private CreateTopicsClientCodec() {
        super(CreateTopicsCodec.API_KEY, "CreateTopics", CreateTopicsRequestData.LOWEST_SUPPORTED_VERSION,
                CreateTopicsRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected CreateTopicsRequestData requestData(short version, CreateTopicsRequest r) {
        CreateTopicsRequestData d = new CreateTopicsRequestData().setTimeoutMs(r.timeoutMs()).setValidateOnly(r.validateOnly());
        for (CreateTopicsRequest.Topic t : r.topics()) {
            CreateTopicsRequestData.CreatableTopic ct = new CreateTopicsRequestData.CreatableTopic()
                    .setName(t.name())
                    .setNumPartitions(t.numPartitions())
                    .setReplicationFactor(t.replicationFactor());
            for (CreateTopicsRequest.Assignment a : t.assignments()) {
                ct.assignments().add(new CreateTopicsRequestData.CreatableReplicaAssignment()
                        .setPartitionIndex(a.partitionIndex()).setBrokerIds(new ArrayList<>(a.brokerIds())));
            }
            for (CreateTopicsRequest.Config c : t.configs()) {
                ct.configs().add(new CreateTopicsRequestData.CreatableTopicConfig().setName(c.name()).setValue(c.value()));
            }
            d.topics().add(ct);
        }
        return d;
    }

    @Override
    protected CreateTopicsResponseData emptyResponse() {
        return new CreateTopicsResponseData();
    }

    @Override
    protected CreateTopicsResponse response(short version, CreateTopicsResponseData d) {
        return new CreateTopicsResponse(d.throttleTimeMs(), Convert.mapAll(d.topics(), t -> new CreateTopicsResponse.TopicResult(
                t.name(),
                Convert.topicId(t.topicId()),
                Convert.error(t.errorCode()),
                t.errorMessage(),
                Convert.error(t.topicConfigErrorCode()),
                t.numPartitions(),
                t.replicationFactor(),
                Convert.map(t.configs(), c -> new CreateTopicsResponse.Config(c.name(), c.value(), c.readOnly(),
                        ConfigSource.forCode(c.configSource()), c.isSensitive())))));
    }
}

package io.tributary.wire.api.createtopics;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;

/**
 * CreateTopics (key 19), versions 2-7. librdkafka 2.0.2 uses up to v4, kafkajs 2.2.4 up to v3, the
 * Java admin client v7. Versions that matter: v4 (-1 defaults for partitions and replication factor,
 * KIP-464), v5 (flexible; the response describes the created topic), v7 (topic id in the response).
 *
 * <p>Normalisation: -1 stays -1 ({@link CreateTopicsRequest#USE_BROKER_DEFAULT}) for the broker to
 * resolve from its config; assignments and configs keep request order.
 */
public final class CreateTopicsCodec implements ApiCodec<CreateTopicsRequest, CreateTopicsResponse> {

    public static final short API_KEY = 19;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final CreateTopicsCodec INSTANCE = new CreateTopicsCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "CreateTopics";
    }

    @Override
    public short minVersion() {
        return CreateTopicsRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return CreateTopicsRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public CreateTopicsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new CreateTopicsRequestData(), body, header.apiVersion(), d -> new CreateTopicsRequest(
                Convert.mapAll(d.topics(), t -> new CreateTopicsRequest.Topic(
                        t.name(),
                        t.numPartitions(),
                        t.replicationFactor(),
                        Convert.mapAll(t.assignments(), a -> new CreateTopicsRequest.Assignment(a.partitionIndex(), Convert.ints(a.brokerIds()))),
                        Convert.mapAll(t.configs(), c -> new CreateTopicsRequest.Config(c.name(), c.value())))),
                d.timeoutMs(),
                d.validateOnly()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, CreateTopicsResponse r) {
        CreateTopicsResponseData d = new CreateTopicsResponseData().setThrottleTimeMs(r.throttleTimeMs());
        for (CreateTopicsResponse.TopicResult t : r.topics()) {
            CreateTopicsResponseData.CreatableTopicResult tr = new CreateTopicsResponseData.CreatableTopicResult()
                    .setName(t.name())
                    .setTopicId(Convert.uuid(t.topicId()))
                    .setErrorCode(Convert.code(t.error()))
                    .setErrorMessage(t.errorMessage())
                    .setTopicConfigErrorCode(Convert.code(t.topicConfigError()))
                    .setNumPartitions(t.numPartitions())
                    .setReplicationFactor(t.replicationFactor());
            if (!t.configs().isEmpty()) {
                tr.setConfigs(Convert.map(t.configs(), c -> new CreateTopicsResponseData.CreatableTopicConfigs()
                        .setName(c.name()).setValue(c.value()).setReadOnly(c.readOnly())
                        .setConfigSource(c.source().code()).setIsSensitive(c.isSensitive())));
            }
            d.topics().add(tr);
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every topic of the request fails with {@code error}. */
    @Override
    public CreateTopicsResponse errorResponse(RequestHeader header, CreateTopicsRequest request, ErrorCode error) {
        return new CreateTopicsResponse(0, Convert.map(request.topics(),
                t -> CreateTopicsResponse.TopicResult.failed(t.name(), error, null)));
    }
}

package io.tributary.wire.api.createpartitions;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;

/**
 * CreatePartitions (key 37), versions 0-3. librdkafka 2.0.2 uses v0, kafkajs 2.2.4 up to v1, the
 * Java admin client v3. The versions differ only in throttling behaviour (v1) and flexibility (v2).
 *
 * <p>Normalisation: a null assignment list (the broker chooses replicas) reads as an empty list.
 */
public final class CreatePartitionsCodec implements ApiCodec<CreatePartitionsRequest, CreatePartitionsResponse> {

    public static final short API_KEY = 37;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final CreatePartitionsCodec INSTANCE = new CreatePartitionsCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "CreatePartitions";
    }

    @Override
    public short minVersion() {
        return CreatePartitionsRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return CreatePartitionsRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public CreatePartitionsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new CreatePartitionsRequestData(), body, header.apiVersion(), d -> new CreatePartitionsRequest(
                Convert.mapAll(d.topics(), t -> new CreatePartitionsRequest.Topic(t.name(), t.count(),
                        Convert.map(t.assignments(), a -> Convert.ints(a.brokerIds())))),
                d.timeoutMs(),
                d.validateOnly()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, CreatePartitionsResponse r) {
        CreatePartitionsResponseData d = new CreatePartitionsResponseData().setThrottleTimeMs(r.throttleTimeMs());
        for (CreatePartitionsResponse.Result t : r.results()) {
            d.results().add(new CreatePartitionsResponseData.CreatePartitionsTopicResult()
                    .setName(t.name()).setErrorCode(Convert.code(t.error())).setErrorMessage(t.errorMessage()));
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every topic of the request fails with {@code error}. */
    @Override
    public CreatePartitionsResponse errorResponse(RequestHeader header, CreatePartitionsRequest request, ErrorCode error) {
        return new CreatePartitionsResponse(0, Convert.map(request.topics(),
                t -> new CreatePartitionsResponse.Result(t.name(), error, null)));
    }
}

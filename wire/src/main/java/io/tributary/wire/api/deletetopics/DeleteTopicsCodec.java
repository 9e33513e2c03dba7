package io.tributary.wire.api.deletetopics;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.api.TopicRef;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;

/**
 * DeleteTopics (key 20), versions 1-6. librdkafka 2.0.2 and kafkajs 2.2.4 use v1; the Java admin
 * client v6. Versions that matter: v4 (flexible), v5 (error messages), v6 (delete by topic id).
 *
 * <p>Normalisation: v1-5's list of names and v6's list of (name or id) both become
 * {@link TopicRef}s.
 */
public final class DeleteTopicsCodec implements ApiCodec<DeleteTopicsRequest, DeleteTopicsResponse> {

    public static final short API_KEY = 20;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final DeleteTopicsCodec INSTANCE = new DeleteTopicsCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "DeleteTopics";
    }

    @Override
    public short minVersion() {
        return DeleteTopicsRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return DeleteTopicsRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public DeleteTopicsRequest decode(RequestHeader header, ByteBuffer body) {
        short version = header.apiVersion();
        return Messages.read(new DeleteTopicsRequestData(), body, version, d -> new DeleteTopicsRequest(
                version >= 6
                        ? Convert.map(d.topics(), t -> new TopicRef(t.name(), Convert.topicId(t.topicId())))
                        : Convert.map(d.topicNames(), TopicRef::byName),
                d.timeoutMs()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, DeleteTopicsResponse r) {
        short version = header.apiVersion();
        DeleteTopicsResponseData d = new DeleteTopicsResponseData().setThrottleTimeMs(r.throttleTimeMs());
        for (DeleteTopicsResponse.Result t : r.results()) {
            d.responses().add(new DeleteTopicsResponseData.DeletableTopicResult()
                    .setName(t.name() == null && version < 6 ? "" : t.name())
                    .setTopicId(Convert.uuid(t.topicId()))
                    .setErrorCode(Convert.code(t.error()))
                    .setErrorMessage(t.errorMessage()));
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every topic of the request fails with {@code error}. */
    @Override
    public DeleteTopicsResponse errorResponse(RequestHeader header, DeleteTopicsRequest request, ErrorCode error) {
        return new DeleteTopicsResponse(0, Convert.map(request.topics(),
                t -> new DeleteTopicsResponse.Result(t.name(), t.id(), error, null)));
    }
}

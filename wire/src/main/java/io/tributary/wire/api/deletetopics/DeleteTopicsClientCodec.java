package io.tributary.wire.api.deletetopics;

import io.tributary.wire.api.TopicRef;
import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;

/**
 * The client side of DeleteTopics (key 20): a broker forwarding a client's request to the active
 * controller. Default version {@value #DEFAULT_VERSION}. Versions before 6 carry names only, so a
 * topic given by id alone is refused there.
 */
public final class DeleteTopicsClientCodec
        extends AbstractClientCodec<DeleteTopicsRequest, DeleteTopicsResponse, DeleteTopicsRequestData, DeleteTopicsResponseData> {

    public static final short DEFAULT_VERSION = 6;

    public static final DeleteTopicsClientCodec INSTANCE = new DeleteTopicsClientCodec();

    private DeleteTopicsClientCodec() {
        super(DeleteTopicsCodec.API_KEY, "DeleteTopics", DeleteTopicsRequestData.LOWEST_SUPPORTED_VERSION,
                DeleteTopicsRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected DeleteTopicsRequestData requestData(short version, DeleteTopicsRequest r) {
        DeleteTopicsRequestData d = new DeleteTopicsRequestData().setTimeoutMs(r.timeoutMs());
        if (version >= 6) {
            for (TopicRef t : r.topics()) {
                d.topics().add(new DeleteTopicsRequestData.DeleteTopicState().setName(t.name()).setTopicId(Convert.uuid(t.id())));
            }
        } else {
            List<String> names = new ArrayList<>();
            for (TopicRef t : r.topics()) {
                if (t.name() == null) {
                    throw new IllegalArgumentException("DeleteTopics v" + version + " names topics; topic id " + t.id() + " has no name");
                }
                names.add(t.name());
            }
            d.setTopicNames(names);
        }
        return d;
    }

    @Override
    protected DeleteTopicsResponseData emptyResponse() {
        return new DeleteTopicsResponseData();
    }

    @Override
    protected DeleteTopicsResponse response(short version, DeleteTopicsResponseData d) {
        return new DeleteTopicsResponse(d.throttleTimeMs(), Convert.mapAll(d.responses(), t -> new DeleteTopicsResponse.Result(
                t.name(), Convert.topicId(t.topicId()), Convert.error(t.errorCode()), t.errorMessage())));
    }
}

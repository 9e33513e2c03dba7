package io.tributary.wire.api.electleaders;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.ElectLeadersResponseData;

/**
 * ElectLeaders (key 43), versions 0-2. Versions that matter: v1 (election type, KIP-460, and a
 * top-level error in the response), v2 (flexible).
 *
 * <p>Normalisation: the election type reads {@link ElectionType#PREFERRED} at v0; a null partition
 * list (every partition) stays null.
 */
public final class ElectLeadersCodec implements ApiCodec<ElectLeadersRequest, ElectLeadersResponse> {

    public static final short API_KEY = 43;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final ElectLeadersCodec INSTANCE = new ElectLeadersCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "ElectLeaders";
    }

    @Override
    public short minVersion() {
        return ElectLeadersRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return ElectLeadersRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public ElectLeadersRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new ElectLeadersRequestData(), body, header.apiVersion(), d -> new ElectLeadersRequest(
                ElectionType.forCode(d.electionType()),
                d.topicPartitions() == null ? null : Convert.mapAll(d.topicPartitions(),
                        t -> new ElectLeadersRequest.TopicPartitions(t.topic(), Convert.ints(t.partitions()))),
                d.timeoutMs()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, ElectLeadersResponse r) {
        ElectLeadersResponseData d = new ElectLeadersResponseData().setThrottleTimeMs(r.throttleTimeMs());
        // v0 has no top-level error, and the generated writer refuses a non-zero one there.
        if (header.apiVersion() >= 1) {
            d.setErrorCode(Convert.code(r.error()));
        }
        for (ElectLeadersResponse.TopicResult t : r.results()) {
            d.replicaElectionResults().add(new ElectLeadersResponseData.ReplicaElectionResult()
                    .setTopic(t.topic())
                    .setPartitionResult(Convert.map(t.partitions(), p -> new ElectLeadersResponseData.PartitionResult()
                            .setPartitionId(p.partitionId())
                            .setErrorCode(Convert.code(p.error()))
                            .setErrorMessage(p.errorMessage()))));
        }
        return ResponseEncoder.encode(header, d);
    }

    /**
     * The request fails with {@code error} as a whole and in every partition it named (a request for
     * every partition has none to name, so at v0 it carries no error at all, as in Kafka).
     */
    @Override
    public ElectLeadersResponse errorResponse(RequestHeader header, ElectLeadersRequest request, ErrorCode error) {
        List<ElectLeadersRequest.TopicPartitions> named = request.allPartitions() ? List.of() : request.topicPartitions();
        return new ElectLeadersResponse(0, error, Convert.map(named, t -> new ElectLeadersResponse.TopicResult(t.topic(),
                Convert.map(t.partitions(), p -> new ElectLeadersResponse.PartitionResult(p, error, null)))));
    }
}

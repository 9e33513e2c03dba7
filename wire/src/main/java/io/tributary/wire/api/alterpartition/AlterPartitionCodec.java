package io.tributary.wire.api.alterpartition;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import org.apache.kafka.common.message.AlterPartitionRequestData;
import org.apache.kafka.common.message.AlterPartitionResponseData;

/**
 * AlterPartition (key 56), versions 2-3 (flexible; Kafka 4 removed 0-1), controller listener only.
 * v2 names topics by id and the ISR by broker id; v3 sends each ISR member with its broker epoch
 * (KIP-903), so the controller can refuse a member that restarted since the leader last saw it.
 *
 * <p>Normalisation: v2's ISR ids read as {@link AlterPartitionRequest.IsrMember}s with epoch -1.
 */
public final class AlterPartitionCodec implements ApiCodec<AlterPartitionRequest, AlterPartitionResponse> {

    public static final short API_KEY = 56;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final AlterPartitionCodec INSTANCE = new AlterPartitionCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "AlterPartition";
    }

    @Override
    public short minVersion() {
        return AlterPartitionRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return AlterPartitionRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public AlterPartitionRequest decode(RequestHeader header, ByteBuffer body) {
        short version = header.apiVersion();
        return Messages.read(new AlterPartitionRequestData(), body, version, d -> new AlterPartitionRequest(
                d.brokerId(),
                d.brokerEpoch(),
                Convert.map(d.topics(), t -> new AlterPartitionRequest.Topic(Convert.topicId(t.topicId()),
                        Convert.map(t.partitions(), p -> new AlterPartitionRequest.Partition(
                                p.partitionIndex(),
                                p.leaderEpoch(),
                                version >= 3
                                        ? Convert.map(p.newIsrWithEpochs(), m -> new AlterPartitionRequest.IsrMember(m.brokerId(), m.brokerEpoch()))
                                        : Convert.map(p.newIsr(), id -> new AlterPartitionRequest.IsrMember(id, -1L)),
                                p.leaderRecoveryState(),
                                p.partitionEpoch()))))));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, AlterPartitionResponse r) {
        AlterPartitionResponseData d = new AlterPartitionResponseData()
                .setThrottleTimeMs(r.throttleTimeMs())
                .setErrorCode(Convert.code(r.error()));
        for (AlterPartitionResponse.Topic t : r.topics()) {
            AlterPartitionResponseData.TopicData td = new AlterPartitionResponseData.TopicData().setTopicId(Convert.uuid(t.topicId()));
            for (AlterPartitionResponse.Partition p : t.partitions()) {
                td.partitions().add(new AlterPartitionResponseData.PartitionData()
                        .setPartitionIndex(p.partitionIndex())
                        .setErrorCode(Convert.code(p.error()))
                        .setLeaderId(p.leaderId())
                        .setLeaderEpoch(p.leaderEpoch())
                        .setIsr(new ArrayList<>(p.isr()))
                        .setLeaderRecoveryState(p.leaderRecoveryState())
                        .setPartitionEpoch(p.partitionEpoch()));
            }
            d.topics().add(td);
        }
        return ResponseEncoder.encode(header, d);
    }

    /**
     * The request fails with {@code error} as a whole (what the leader acts on) and in every partition
     * (so that the answer is complete).
     */
    @Override
    public AlterPartitionResponse errorResponse(RequestHeader header, AlterPartitionRequest request, ErrorCode error) {
        return new AlterPartitionResponse(0, error, Convert.map(request.topics(), t -> new AlterPartitionResponse.Topic(t.topicId(),
                Convert.map(t.partitions(), p -> AlterPartitionResponse.Partition.failed(p.partitionIndex(), error)))));
    }
}

package io.tributary.wire.api.offsetforleaderepoch;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;

/**
 * OffsetForLeaderEpoch (key 23), versions 2-4 (Kafka 4 removed 0-1), broker listener. v2 added the
 * current leader epoch (fencing), v3 the replica id, v4 is the flexible form. The Java consumer sends
 * v4; librdkafka 2.0.2 sends v2.
 *
 * <p>Normalisation: the replica id reads -2 ({@link OffsetForLeaderEpochRequest#DEBUGGING_REPLICA_ID})
 * before v3.
 */
public final class OffsetForLeaderEpochCodec implements ApiCodec<OffsetForLeaderEpochRequest, OffsetForLeaderEpochResponse> {

    public static final short API_KEY = 23;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final OffsetForLeaderEpochCodec INSTANCE = new OffsetForLeaderEpochCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "OffsetForLeaderEpoch";
    }

    @Override
    public short minVersion() {
        return OffsetForLeaderEpochRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return OffsetForLeaderEpochRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public OffsetForLeaderEpochRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new OffsetForLeaderEpochRequestData(), body, header.apiVersion(), d -> new OffsetForLeaderEpochRequest(
                d.replicaId(),
                Convert.mapAll(d.topics(), t -> new OffsetForLeaderEpochRequest.Topic(t.topic(), Convert.map(t.partitions(),
                        p -> new OffsetForLeaderEpochRequest.Partition(p.partition(), p.currentLeaderEpoch(), p.leaderEpoch()))))));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, OffsetForLeaderEpochResponse r) {
        OffsetForLeaderEpochResponseData d = new OffsetForLeaderEpochResponseData().setThrottleTimeMs(r.throttleTimeMs());
        for (OffsetForLeaderEpochResponse.Topic t : r.topics()) {
            d.topics().add(new OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult()
                    .setTopic(t.topic())
                    .setPartitions(Convert.map(t.partitions(), p -> new OffsetForLeaderEpochResponseData.EpochEndOffset()
                            .setErrorCode(Convert.code(p.error()))
                            .setPartition(p.partition())
                            .setLeaderEpoch(p.leaderEpoch())
                            .setEndOffset(p.endOffset()))));
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every partition of the request fails with {@code error}, epoch and offset unknown. */
    @Override
    public OffsetForLeaderEpochResponse errorResponse(RequestHeader header, OffsetForLeaderEpochRequest request, ErrorCode error) {
        return new OffsetForLeaderEpochResponse(0, Convert.map(request.topics(), t -> new OffsetForLeaderEpochResponse.Topic(t.topic(),
                Convert.map(t.partitions(), p -> OffsetForLeaderEpochResponse.EpochEndOffset.failed(p.partition(), error)))));
    }
}

package io.tributary.wire.api.produce;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.api.NodeEndpoint;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * Produce (key 0), versions 3-13. librdkafka 2.0.2 and kafkajs 2.2.4 send up to v7; the Java client
 * v12/v13. Versions that matter: v3 (transactional id, magic-2 batches only), v5 (log start offset),
 * v8 (record errors), v9 (flexible), v10 (KIP-951 current leader and node endpoints), v13 (topic ids
 * instead of names).
 *
 * <p>Normalisation: a topic carries its name (v3-12) or its id (v13) and the other is null/ZERO;
 * record data is a slice of the frame, never copied (writable when the frame is, so the broker's log
 * can stamp offsets and the leader epoch in place), and a null records field reads as an empty buffer.
 */
public final class ProduceCodec implements ApiCodec<ProduceRequest, ProduceResponse> {

    public static final short API_KEY = 0;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final ProduceCodec INSTANCE = new ProduceCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "Produce";
    }

    @Override
    public short minVersion() {
        return ProduceRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return ProduceRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public ProduceRequest decode(RequestHeader header, ByteBuffer body) {
        short version = header.apiVersion();
        return Messages.read(new ProduceRequestData(), body, version, d -> {
            List<ProduceRequest.TopicData> topics = Convert.mapAll(d.topicData(), t -> new ProduceRequest.TopicData(
                    version >= 13 ? null : t.name(),
                    Convert.topicId(t.topicId()),
                    Convert.map(t.partitionData(), p -> new ProduceRequest.PartitionData(p.index(), recordBytes(p)))));
            return new ProduceRequest(d.transactionalId(), d.acks(), d.timeoutMs(), topics);
        });
    }

    private static ByteBuffer recordBytes(ProduceRequestData.PartitionProduceData p) {
        if (p.records() == null) {
            return ByteBuffer.allocate(0).asReadOnlyBuffer();
        }
        // The generated reader wraps a slice of the frame in MemoryRecords; we hand on that slice as it
        // is, writable when the frame is: the frame belongs to this one request, and the leader stamps
        // offsets and its epoch into it rather than copying it.
        return ((MemoryRecords) p.records()).buffer().slice();
    }

    @Override
    public ResponseFrame encode(RequestHeader header, ProduceResponse r) {
        short version = header.apiVersion();
        ProduceResponseData d = new ProduceResponseData().setThrottleTimeMs(r.throttleTimeMs());
        for (ProduceResponse.TopicResponse t : r.topics()) {
            ProduceResponseData.TopicProduceResponse tr = new ProduceResponseData.TopicProduceResponse()
                    .setName(t.name() == null ? "" : t.name())
                    .setTopicId(Convert.uuid(t.topicId()));
            for (ProduceResponse.PartitionResponse p : t.partitions()) {
                ProduceResponseData.PartitionProduceResponse pr = new ProduceResponseData.PartitionProduceResponse()
                        .setIndex(p.partition())
                        .setErrorCode(Convert.code(p.error()))
                        .setBaseOffset(p.baseOffset())
                        .setLogAppendTimeMs(p.logAppendTimeMs())
                        .setLogStartOffset(p.logStartOffset())
                        .setErrorMessage(p.errorMessage());
                for (ProduceResponse.RecordError e : p.recordErrors()) {
                    pr.recordErrors().add(new ProduceResponseData.BatchIndexAndErrorMessage()
                            .setBatchIndex(e.batchIndex()).setBatchIndexErrorMessage(e.message()));
                }
                // The current leader is a tagged field from v10; earlier versions refuse a non-default value.
                if (version >= 10 && p.currentLeader() != null) {
                    pr.setCurrentLeader(new ProduceResponseData.LeaderIdAndEpoch()
                            .setLeaderId(p.currentLeader().leaderId()).setLeaderEpoch(p.currentLeader().leaderEpoch()));
                }
                tr.partitionResponses().add(pr);
            }
            d.responses().add(tr);
        }
        if (version >= 10) {
            for (NodeEndpoint n : r.nodeEndpoints()) {
                d.nodeEndpoints().add(new ProduceResponseData.NodeEndpoint()
                        .setNodeId(n.nodeId()).setHost(n.host()).setPort(n.port()).setRack(n.rack()));
            }
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every partition of the request fails with {@code error}. */
    @Override
    public ProduceResponse errorResponse(RequestHeader header, ProduceRequest request, ErrorCode error) {
        List<ProduceResponse.TopicResponse> topics = new ArrayList<>();
        for (ProduceRequest.TopicData t : request.topics()) {
            topics.add(new ProduceResponse.TopicResponse(t.name(), t.topicId(),
                    Convert.map(t.partitions(), p -> ProduceResponse.PartitionResponse.failed(p.partition(), error))));
        }
        return new ProduceResponse(topics, 0, List.of());
    }
}

package io.tributary.wire.api.fetch;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.api.IsolationLevel;
import io.tributary.wire.api.NodeEndpoint;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import io.tributary.wire.internal.SliceRecords;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;

/**
 * Fetch (key 1), versions 4-18. librdkafka 2.0.2 and kafkajs 2.2.4 send up to v11; the Java client
 * and followers up to v17/v18. Versions that matter: v4 (isolation level), v5 (log start offset),
 * v7 (fetch sessions, forgotten topics), v9 (current leader epoch), v11 (rack id, preferred read
 * replica), v12 (flexible; last fetched epoch, diverging epoch), v13 (topic ids), v15 (replica state
 * replaces replica id), v16 (KIP-951 node endpoints).
 *
 * <p>Normalisation: {@code replicaId}/{@code replicaEpoch} come from the replica id field (v4-14) or
 * the replica state (v15+); topics carry a name (v4-12) or an id (v13+), the other being null/ZERO.
 * Encoding never reads record data: each partition's {@link io.tributary.common.records.RecordsSlice}
 * becomes its own chunk of the {@link ResponseFrame}.
 */
public final class FetchCodec implements ApiCodec<FetchRequest, FetchResponse> {

    public static final short API_KEY = 1;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final FetchCodec INSTANCE = new FetchCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "Fetch";
    }

    @Override
    public short minVersion() {
        return FetchRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return FetchRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public FetchRequest decode(RequestHeader header, ByteBuffer body) {
        short version = header.apiVersion();
        return Messages.read(new FetchRequestData(), body, version, d -> {
            int replicaId = version >= 15 ? d.replicaState().replicaId() : d.replicaId();
            long replicaEpoch = version >= 15 ? d.replicaState().replicaEpoch() : -1L;
            List<FetchRequest.Topic> topics = Convert.map(d.topics(), t -> new FetchRequest.Topic(
                    version >= 13 ? null : t.topic(),
                    Convert.topicId(t.topicId()),
                    Convert.map(t.partitions(), p -> new FetchRequest.Partition(p.partition(), p.currentLeaderEpoch(),
                            p.fetchOffset(), p.lastFetchedEpoch(), p.logStartOffset(), p.partitionMaxBytes()))));
            List<FetchRequest.ForgottenTopic> forgotten = Convert.map(d.forgottenTopicsData(), f -> new FetchRequest.ForgottenTopic(
                    version >= 13 ? null : f.topic(), Convert.topicId(f.topicId()), Convert.ints(f.partitions())));
            return new FetchRequest(replicaId, replicaEpoch, d.maxWaitMs(), d.minBytes(), d.maxBytes(),
                    IsolationLevel.forCode(d.isolationLevel()), d.sessionId(), d.sessionEpoch(), topics, forgotten,
                    d.rackId() == null ? "" : d.rackId(), d.clusterId());
        });
    }

    @Override
    public ResponseFrame encode(RequestHeader header, FetchResponse r) {
        short version = header.apiVersion();
        FetchResponseData d = new FetchResponseData()
                .setThrottleTimeMs(r.throttleTimeMs())
                .setErrorCode(Convert.code(r.error()));
        // A session id is refused before v7, where sessions do not exist.
        if (version >= 7) {
            d.setSessionId(r.sessionId());
        }
        for (FetchResponse.TopicResponse t : r.topics()) {
            FetchResponseData.FetchableTopicResponse tr = new FetchResponseData.FetchableTopicResponse()
                    .setTopic(t.name() == null ? "" : t.name())
                    .setTopicId(Convert.uuid(t.topicId()));
            for (FetchResponse.PartitionResponse p : t.partitions()) {
                tr.partitions().add(partition(version, p));
            }
            d.responses().add(tr);
        }
        if (version >= 16) {
            for (NodeEndpoint n : r.nodeEndpoints()) {
                d.nodeEndpoints().add(new FetchResponseData.NodeEndpoint()
                        .setNodeId(n.nodeId()).setHost(n.host()).setPort(n.port()).setRack(n.rack()));
            }
        }
        return ResponseEncoder.encode(header, d);
    }

    private static FetchResponseData.PartitionData partition(short version, FetchResponse.PartitionResponse p) {
        FetchResponseData.PartitionData pd = new FetchResponseData.PartitionData()
                .setPartitionIndex(p.partition())
                .setErrorCode(Convert.code(p.error()))
                .setHighWatermark(p.highWatermark())
                .setLastStableOffset(p.lastStableOffset())
                .setLogStartOffset(p.logStartOffset())
                .setRecords(new SliceRecords(p.records()));
        if (!p.abortedTransactions().isEmpty()) {
            List<FetchResponseData.AbortedTransaction> aborted = new ArrayList<>();
            for (FetchResponse.AbortedTransaction a : p.abortedTransactions()) {
                aborted.add(new FetchResponseData.AbortedTransaction().setProducerId(a.producerId()).setFirstOffset(a.firstOffset()));
            }
            pd.setAbortedTransactions(aborted);
        }
        // The fields below are refused with a non-default value by versions that lack them.
        if (version >= 11) {
            pd.setPreferredReadReplica(p.preferredReadReplica());
        }
        if (version >= 12) {
            if (p.divergingEpoch() != null) {
                pd.setDivergingEpoch(new FetchResponseData.EpochEndOffset()
                        .setEpoch(p.divergingEpoch().epoch()).setEndOffset(p.divergingEpoch().endOffset()));
            }
            if (p.currentLeader() != null) {
                pd.setCurrentLeader(new FetchResponseData.LeaderIdAndEpoch()
                        .setLeaderId(p.currentLeader().leaderId()).setLeaderEpoch(p.currentLeader().leaderEpoch()));
            }
            if (p.snapshotId() != null) {
                pd.setSnapshotId(new FetchResponseData.SnapshotId()
                        .setEndOffset(p.snapshotId().endOffset()).setEpoch(p.snapshotId().epoch()));
            }
        }
        return pd;
    }

    /**
     * The response as a whole fails with {@code error}, and so does every partition of the request
     * (Kafka omits the partitions from v13, where the top-level error alone says it; carrying both
     * is read the same way by every client and keeps the answer complete).
     */
    @Override
    public FetchResponse errorResponse(RequestHeader header, FetchRequest request, ErrorCode error) {
        List<FetchResponse.TopicResponse> topics = new ArrayList<>();
        for (FetchRequest.Topic t : request.topics()) {
            topics.add(new FetchResponse.TopicResponse(t.name(), t.topicId(),
                    Convert.map(t.partitions(), p -> FetchResponse.PartitionResponse.failed(p.partition(), error))));
        }
        return new FetchResponse(0, error, request.sessionId(), topics, List.of());
    }
}

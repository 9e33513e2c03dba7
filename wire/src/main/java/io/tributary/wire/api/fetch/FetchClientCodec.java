package io.tributary.wire.api.fetch;

import io.tributary.common.TopicId;
import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.api.LeaderAndEpoch;
import io.tributary.wire.api.NodeEndpoint;
import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * The client side of Fetch (key 1): a broker's long-poll of {@code __cluster_metadata} on the
 * controller, and (next) a follower's fetch from its leader. Default version {@value #DEFAULT_VERSION}.
 *
 * <p>Writing: the replica id goes in the replica id field before v15 and in the replica state from
 * v15 (with the broker epoch); topics are sent by name before v13 and by id from v13, so a topic
 * lacking the one its version needs is refused. The cluster id is sent from v12 only.
 *
 * <p>Reading: each partition's record data becomes a {@link RecordsSlice.Buffer} over the response
 * frame itself, never copied, so a follower appends exactly the bytes the leader sent; the frame must
 * stay untouched while they are in use. Topics read as in the request (name before v13, id from v13,
 * the other null/ZERO). A diverging epoch, current leader or snapshot id equal to the wire's "none"
 * default reads as null.
 */
public final class FetchClientCodec extends AbstractClientCodec<FetchRequest, FetchResponse, FetchRequestData, FetchResponseData> {

    public static final short DEFAULT_VERSION = 18;

    public static final FetchClientCodec INSTANCE = new FetchClientCodec();

    private FetchClientCodec() {
        super(FetchCodec.API_KEY, "Fetch", FetchRequestData.LOWEST_SUPPORTED_VERSION, FetchRequestData.HIGHEST_SUPPORTED_VERSION,
                DEFAULT_VERSION);
    }

    @Override
    protected FetchRequestData requestData(short version, FetchRequest r) {
        FetchRequestData d = new FetchRequestData()
                .setMaxWaitMs(r.maxWaitMs())
                .setMinBytes(r.minBytes())
                .setMaxBytes(r.maxBytes())
                .setIsolationLevel(r.isolationLevel().code())
                .setSessionId(r.sessionId())
                .setSessionEpoch(r.sessionEpoch())
                .setRackId(r.rackId());
        if (version >= 15) {
            d.setReplicaState(new FetchRequestData.ReplicaState().setReplicaId(r.replicaId()).setReplicaEpoch(r.replicaEpoch()));
        } else {
            d.setReplicaId(r.replicaId());
        }
        if (version >= 12) {
            d.setClusterId(r.clusterId());
        }
        for (FetchRequest.Topic t : r.topics()) {
            FetchRequestData.FetchTopic ft = new FetchRequestData.FetchTopic();
            name(version, ft, t.name(), t.topicId());
            for (FetchRequest.Partition p : t.partitions()) {
                ft.partitions().add(new FetchRequestData.FetchPartition()
                        .setPartition(p.partition())
                        .setCurrentLeaderEpoch(p.currentLeaderEpoch())
                        .setFetchOffset(p.fetchOffset())
                        .setLastFetchedEpoch(p.lastFetchedEpoch())
                        .setLogStartOffset(p.logStartOffset())
                        .setPartitionMaxBytes(p.partitionMaxBytes()));
            }
            d.topics().add(ft);
        }
        for (FetchRequest.ForgottenTopic f : r.forgottenTopics()) {
            FetchRequestData.ForgottenTopic ft = new FetchRequestData.ForgottenTopic().setPartitions(new ArrayList<>(f.partitions()));
            if (byId(version, f.name(), f.topicId())) {
                ft.setTopicId(Convert.uuid(f.topicId()));
            } else {
                ft.setTopic(f.name());
            }
            d.forgottenTopicsData().add(ft);
        }
        return d;
    }

    private static void name(short version, FetchRequestData.FetchTopic into, String name, TopicId id) {
        if (byId(version, name, id)) {
            into.setTopicId(Convert.uuid(id));
        } else {
            into.setTopic(name);
        }
    }

    /** Whether {@code version} names topics by id (v13+) rather than by name; refuses a topic lacking the one it needs. */
    private static boolean byId(short version, String name, TopicId id) {
        if (version >= 13) {
            if (id.isZero()) {
                throw new IllegalArgumentException("Fetch v" + version + " names topics by id; topic " + name + " has none");
            }
            return true;
        }
        if (name == null) {
            throw new IllegalArgumentException("Fetch v" + version + " names topics by name; topic id " + id + " has none");
        }
        return false;
    }

    @Override
    protected FetchResponseData emptyResponse() {
        return new FetchResponseData();
    }

    @Override
    protected FetchResponse response(short version, FetchResponseData d) {
        List<FetchResponse.TopicResponse> topics = Convert.map(d.responses(), t -> new FetchResponse.TopicResponse(
                version >= 13 ? null : t.topic(),
                Convert.topicId(t.topicId()),
                Convert.map(t.partitions(), FetchClientCodec::partition)));
        return new FetchResponse(d.throttleTimeMs(), Convert.error(d.errorCode()), d.sessionId(), topics,
                Convert.mapAll(d.nodeEndpoints(), n -> new NodeEndpoint(n.nodeId(), n.host(), n.port(), n.rack())));
    }

    private static FetchResponse.PartitionResponse partition(FetchResponseData.PartitionData p) {
        FetchResponseData.EpochEndOffset diverging = p.divergingEpoch();
        FetchResponseData.LeaderIdAndEpoch leader = p.currentLeader();
        FetchResponseData.SnapshotId snapshot = p.snapshotId();
        return new FetchResponse.PartitionResponse(
                p.partitionIndex(),
                Convert.error(p.errorCode()),
                p.highWatermark(),
                p.lastStableOffset(),
                p.logStartOffset(),
                diverging.epoch() < 0 && diverging.endOffset() < 0 ? null
                        : new FetchResponse.EpochEndOffset(diverging.epoch(), diverging.endOffset()),
                leader.leaderId() < 0 && leader.leaderEpoch() < 0 ? null : new LeaderAndEpoch(leader.leaderId(), leader.leaderEpoch()),
                snapshot.endOffset() < 0 && snapshot.epoch() < 0 ? null : new FetchResponse.SnapshotId(snapshot.endOffset(), snapshot.epoch()),
                Convert.map(p.abortedTransactions(), a -> new FetchResponse.AbortedTransaction(a.producerId(), a.firstOffset())),
                p.preferredReadReplica(),
                records(p.records()));
    }

    /** The generated reader wraps a slice of the response frame in MemoryRecords; we hand on that slice. */
    private static RecordsSlice records(BaseRecords records) {
        if (records == null) {
            return RecordsSlice.EMPTY;
        }
        if (!(records instanceof MemoryRecords memory)) {
            throw new IllegalStateException("records read as " + records.getClass().getName() + ", not a slice of the frame");
        }
        return new RecordsSlice.Buffer(memory.buffer());
    }
}

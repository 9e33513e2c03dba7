package io.tributary.wire.api.offsetforleaderepoch;

import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;

/**
 * The client side of OffsetForLeaderEpoch (key 23): a follower asking its leader where an epoch ends.
 * Default version {@value #DEFAULT_VERSION}. The replica id is dropped before v3, as Kafka drops it
 * (the leader then treats the sender as a debugging client).
 */
public final class OffsetForLeaderEpochClientCodec extends AbstractClientCodec<OffsetForLeaderEpochRequest, OffsetForLeaderEpochResponse,
        OffsetForLeaderEpochRequestData, OffsetForLeaderEpochResponseData> {

    public static final short DEFAULT_VERSION = 4;

    public static final OffsetForLeaderEpochClientCodec INSTANCE = new OffsetForLeaderEpochClientCodec();

    private OffsetForLeaderEpochClientCodec() {
        super(OffsetForLeaderEpochCodec.API_KEY, "OffsetForLeaderEpoch", OffsetForLeaderEpochRequestData.LOWEST_SUPPORTED_VERSION,
                OffsetForLeaderEpochRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected OffsetForLeaderEpochRequestData requestData(short version, OffsetForLeaderEpochRequest r) {
        OffsetForLeaderEpochRequestData d = new OffsetForLeaderEpochRequestData().setReplicaId(r.replicaId());
        for (OffsetForLeaderEpochRequest.Topic t : r.topics()) {
            OffsetForLeaderEpochRequestData.OffsetForLeaderTopic ot = new OffsetForLeaderEpochRequestData.OffsetForLeaderTopic().setTopic(t.topic());
            for (OffsetForLeaderEpochRequest.Partition p : t.partitions()) {
                ot.partitions().add(new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition()
                        .setPartition(p.partition()).setCurrentLeaderEpoch(p.currentLeaderEpoch()).setLeaderEpoch(p.leaderEpoch()));
            }
            d.topics().add(ot);
        }
        return d;
    }

    @Override
    protected OffsetForLeaderEpochResponseData emptyResponse() {
        return new OffsetForLeaderEpochResponseData();
    }

    @Override
    protected OffsetForLeaderEpochResponse response(short version, OffsetForLeaderEpochResponseData d) {
        return new OffsetForLeaderEpochResponse(d.throttleTimeMs(), Convert.mapAll(d.topics(), t -> new OffsetForLeaderEpochResponse.Topic(t.topic(),
                Convert.map(t.partitions(), p -> new OffsetForLeaderEpochResponse.EpochEndOffset(Convert.error(p.errorCode()), p.partition(),
                        p.leaderEpoch(), p.endOffset())))));
    }
}

package io.tributary.wire.api.listoffsets;

import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;

/**
 * The client side of ListOffsets (key 2). Default version {@value #DEFAULT_VERSION}. A
 * read-committed query needs v2+ and is refused below; the timeout (v10+) and current leader epoch
 * (v4+) are dropped where absent, as Kafka drops them.
 */
public final class ListOffsetsClientCodec
        extends AbstractClientCodec<ListOffsetsRequest, ListOffsetsResponse, ListOffsetsRequestData, ListOffsetsResponseData> {

    public static final short DEFAULT_VERSION = 11;

    public static final ListOffsetsClientCodec INSTANCE = new ListOffsetsClientCodec();

    private ListOffsetsClientCodec() {
        super(ListOffsetsCodec.API_KEY, "ListOffsets", ListOffsetsRequestData.LOWEST_SUPPORTED_VERSION,
                ListOffsetsRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected ListOffsetsRequestData requestData(short version, ListOffsetsRequest r) {
        ListOffsetsRequestData d = new ListOffsetsRequestData()
                .setReplicaId(r.replicaId())
                .setIsolationLevel(r.isolationLevel().code())
                .setTimeoutMs(r.timeoutMs());
        for (ListOffsetsRequest.Topic t : r.topics()) {
            ListOffsetsRequestData.ListOffsetsTopic lt = new ListOffsetsRequestData.ListOffsetsTopic().setName(t.name());
            for (ListOffsetsRequest.Partition p : t.partitions()) {
                lt.partitions().add(new ListOffsetsRequestData.ListOffsetsPartition()
                        .setPartitionIndex(p.partition()).setCurrentLeaderEpoch(p.currentLeaderEpoch()).setTimestamp(p.timestamp()));
            }
            d.topics().add(lt);
        }
        return d;
    }

    @Override
    protected ListOffsetsResponseData emptyResponse() {
        return new ListOffsetsResponseData();
    }

    @Override
    protected ListOffsetsResponse response(short version, ListOffsetsResponseData d) {
        return new ListOffsetsResponse(d.throttleTimeMs(), Convert.map(d.topics(), t -> new ListOffsetsResponse.Topic(t.name(),
                Convert.map(t.partitions(), p -> new ListOffsetsResponse.Partition(p.partitionIndex(), Convert.error(p.errorCode()),
                        p.timestamp(), p.offset(), p.leaderEpoch())))));
    }
}

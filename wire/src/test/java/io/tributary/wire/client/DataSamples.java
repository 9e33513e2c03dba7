package io.tributary.wire.client;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.api.IsolationLevel;
import io.tributary.wire.api.LeaderAndEpoch;
import io.tributary.wire.api.NodeEndpoint;
import io.tributary.wire.api.ProduceCodecTest;
import io.tributary.wire.api.TopicRef;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import io.tributary.wire.api.listoffsets.ListOffsetsRequest;
import io.tributary.wire.api.listoffsets.ListOffsetsResponse;
import io.tributary.wire.api.metadata.MetadataRequest;
import io.tributary.wire.api.metadata.MetadataResponse;
import io.tributary.wire.api.offsetforleaderepoch.OffsetForLeaderEpochRequest;
import io.tributary.wire.api.offsetforleaderepoch.OffsetForLeaderEpochResponse;
import java.nio.ByteBuffer;
import java.util.List;

/** Version-exact samples of the data-path APIs: Fetch (followers, metadata long-poll), ListOffsets, Metadata, OffsetForLeaderEpoch. */
final class DataSamples {

    static final TopicId ID = TopicId.fromString("pzT0nGwBQw2VNBqNlPqU8w");
    static final ByteBuffer BATCH = ProduceCodecTest.batch("replicated").buffer().asReadOnlyBuffer();

    private DataSamples() {
    }

    static FetchRequest fetchRequest(int v) {
        String name = v >= 13 ? null : "orders";
        TopicId id = v >= 13 ? ID : TopicId.ZERO;
        return new FetchRequest(2, v >= 15 ? 1234L : -1L, 500, 1, 52_428_800, v >= 4 ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED,
                v >= 7 ? 77 : 0, v >= 7 ? 3 : -1,
                List.of(new FetchRequest.Topic(name, id, List.of(
                        new FetchRequest.Partition(4, v >= 9 ? 6 : -1, 1000L, v >= 12 ? 5 : -1, v >= 5 ? 10L : -1L, 1_048_576),
                        new FetchRequest.Partition(5, v >= 9 ? 6 : -1, 0L, -1, v >= 5 ? 0L : -1L, 1_048_576)))),
                v >= 7 ? List.of(new FetchRequest.ForgottenTopic(name, id, List.of(1, 2))) : List.of(),
                v >= 11 ? "rack-a" : "",
                v >= 12 ? "MkU3OEVBNTcwNTJENDM2Qk" : null);
    }

    static FetchResponse fetchResponse(int v) {
        FetchResponse.PartitionResponse withRecords = new FetchResponse.PartitionResponse(4, ErrorCode.NONE, 1001L, v >= 4 ? 1000L : -1L,
                v >= 5 ? 10L : -1L, null, null, null,
                v >= 4 ? List.of(new FetchResponse.AbortedTransaction(9L, 990L)) : List.of(), v >= 11 ? 3 : -1,
                new RecordsSlice.Buffer(BATCH.duplicate()));
        FetchResponse.PartitionResponse diverged = v >= 12
                ? new FetchResponse.PartitionResponse(5, ErrorCode.FENCED_LEADER_EPOCH, 800L, 800L, 0L, new FetchResponse.EpochEndOffset(4, 800L),
                        new LeaderAndEpoch(1, 8), new FetchResponse.SnapshotId(700L, 3), List.of(), -1, RecordsSlice.EMPTY)
                : new FetchResponse.PartitionResponse(5, ErrorCode.FENCED_LEADER_EPOCH, 800L, v >= 4 ? 800L : -1L, v >= 5 ? 0L : -1L,
                        null, null, null, List.of(), -1, RecordsSlice.EMPTY);
        return new FetchResponse(v >= 1 ? 3 : 0, ErrorCode.NONE, v >= 7 ? 77 : 0,
                List.of(new FetchResponse.TopicResponse(v >= 13 ? null : "orders", v >= 13 ? ID : TopicId.ZERO, List.of(withRecords, diverged))),
                v >= 16 ? List.of(new NodeEndpoint(1, "broker-1", 9092, null), new NodeEndpoint(2, "broker-2", 9092, "rack-b")) : List.of());
    }

    static ListOffsetsRequest listOffsetsRequest(int v) {
        return new ListOffsetsRequest(-1, v >= 2 ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED,
                List.of(new ListOffsetsRequest.Topic("orders", List.of(
                        new ListOffsetsRequest.Partition(0, v >= 4 ? 6 : -1, ListOffsetsRequest.EARLIEST_TIMESTAMP),
                        new ListOffsetsRequest.Partition(1, -1, 1_700_000_000_000L)))),
                v >= 10 ? 1500 : 0);
    }

    static ListOffsetsResponse listOffsetsResponse(int v) {
        return new ListOffsetsResponse(v >= 2 ? 1 : 0, List.of(new ListOffsetsResponse.Topic("orders", List.of(
                new ListOffsetsResponse.Partition(0, ErrorCode.NONE, -1L, 10L, v >= 4 ? 6 : -1),
                ListOffsetsResponse.Partition.failed(1, ErrorCode.NOT_LEADER_OR_FOLLOWER)))));
    }

    static MetadataRequest metadataRequest(int v) {
        List<TopicRef> topics = v >= 10 ? List.of(TopicRef.byName("orders"), new TopicRef(null, ID)) : List.of(TopicRef.byName("orders"));
        return new MetadataRequest(false, topics, v < 4 || v % 2 == 0, v >= 8, v >= 8 && v <= 10);
    }

    static MetadataResponse metadataResponse(int v) {
        int omitted = MetadataResponse.OPERATIONS_OMITTED;
        MetadataResponse.Partition p0 = new MetadataResponse.Partition(ErrorCode.NONE, 0, 1, v >= 7 ? 9 : -1, List.of(1, 2, 3), List.of(1, 2),
                v >= 5 ? List.of(3) : List.of());
        MetadataResponse.Partition p1 = new MetadataResponse.Partition(ErrorCode.LEADER_NOT_AVAILABLE, 1, -1, -1, List.of(2, 3), List.of(),
                List.of());
        return new MetadataResponse(v >= 3 ? 2 : 0,
                List.of(new MetadataResponse.Broker(1, "broker-1", 9092, v >= 1 ? "rack-a" : null), new MetadataResponse.Broker(2, "broker-2", 9092, null)),
                v >= 2 ? "MkU3OEVBNTcwNTJENDM2Qk" : null,
                v >= 1 ? 3000 : -1,
                List.of(new MetadataResponse.Topic(ErrorCode.NONE, "orders", v >= 10 ? ID : TopicId.ZERO, false, List.of(p0, p1), v >= 8 ? 0b11000 : omitted),
                        new MetadataResponse.Topic(ErrorCode.NONE, "__consumer_offsets", TopicId.ZERO, v >= 1, List.of(), omitted),
                        new MetadataResponse.Topic(ErrorCode.UNKNOWN_TOPIC_ID, v >= 12 ? null : "", v >= 10 ? ID : TopicId.ZERO, false, List.of(),
                                omitted)),
                v >= 8 && v <= 10 ? 0b111 : omitted,
                ErrorCode.NONE);
    }

    static OffsetForLeaderEpochRequest offsetForLeaderEpochRequest(int v) {
        return new OffsetForLeaderEpochRequest(v >= 3 ? 2 : OffsetForLeaderEpochRequest.DEBUGGING_REPLICA_ID, List.of(
                new OffsetForLeaderEpochRequest.Topic("orders", List.of(new OffsetForLeaderEpochRequest.Partition(0, 7, 5),
                        new OffsetForLeaderEpochRequest.Partition(1, -1, 6)))));
    }

    static OffsetForLeaderEpochResponse offsetForLeaderEpochResponse(int v) {
        return new OffsetForLeaderEpochResponse(v >= 2 ? 1 : 0, List.of(new OffsetForLeaderEpochResponse.Topic("orders", List.of(
                new OffsetForLeaderEpochResponse.EpochEndOffset(ErrorCode.NONE, 0, 5, 1200L),
                OffsetForLeaderEpochResponse.EpochEndOffset.failed(1, ErrorCode.FENCED_LEADER_EPOCH)))));
    }
}

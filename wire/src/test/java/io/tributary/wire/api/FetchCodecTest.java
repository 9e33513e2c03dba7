package io.tributary.wire.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.api.fetch.FetchCodec;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class FetchCodecTest {

    private static final Uuid KAFKA_ID = Uuid.fromString("pzT0nGwBQw2VNBqNlPqU8w");
    private static final TopicId ID = new TopicId(KAFKA_ID.getMostSignificantBits(), KAFKA_ID.getLeastSignificantBits());

    private final FetchCodec codec = new FetchCodec();

    @TempDir
    Path dir;

    public static FetchRequestData request(short version) {
        FetchRequestData d = new FetchRequestData()
                .setMaxWaitMs(500).setMinBytes(1).setMaxBytes(52_428_800).setIsolationLevel((byte) 1)
                .setSessionId(version >= 7 ? 77 : 0).setSessionEpoch(version >= 7 ? 3 : -1)
                .setRackId(version >= 11 ? "rack-a" : "");
        if (version >= 15) {
            d.setReplicaState(new FetchRequestData.ReplicaState().setReplicaId(2).setReplicaEpoch(99L));
        } else {
            d.setReplicaId(2);
        }
        FetchRequestData.FetchTopic t = new FetchRequestData.FetchTopic();
        if (version >= 13) {
            t.setTopicId(KAFKA_ID);
        } else {
            t.setTopic("orders");
        }
        t.partitions().add(new FetchRequestData.FetchPartition().setPartition(4).setFetchOffset(1000L)
                .setCurrentLeaderEpoch(version >= 9 ? 6 : -1).setLastFetchedEpoch(version >= 12 ? 5 : -1)
                .setLogStartOffset(10L).setPartitionMaxBytes(1_048_576));
        d.topics().add(t);
        if (version >= 7) {
            FetchRequestData.ForgottenTopic f = new FetchRequestData.ForgottenTopic().setPartitions(List.of(1, 2));
            if (version >= 13) {
                f.setTopicId(KAFKA_ID);
            } else {
                f.setTopic("orders");
            }
            d.forgottenTopicsData().add(f);
        }
        return d;
    }

    @ParameterizedTest
    @ValueSource(shorts = {4, 7, 9, 11, 12, 13, 15, 17, 18})
    void readsRequestsAsClientsAndFollowersSendThem(short version) {
        FetchRequest r = KafkaWire.decode(request(version), version);

        assertThat(r.replicaId()).isEqualTo(2);
        assertThat(r.fromFollower()).isTrue();
        assertThat(r.replicaEpoch()).isEqualTo(version >= 15 ? 99L : -1L);
        assertThat(r.maxWaitMs()).isEqualTo(500);
        assertThat(r.minBytes()).isEqualTo(1);
        assertThat(r.maxBytes()).isEqualTo(52_428_800);
        assertThat(r.isolationLevel()).isEqualTo(IsolationLevel.READ_COMMITTED);
        assertThat(r.sessionId()).isEqualTo(version >= 7 ? 77 : 0);
        assertThat(r.sessionEpoch()).isEqualTo(version >= 7 ? 3 : -1);
        assertThat(r.rackId()).isEqualTo(version >= 11 ? "rack-a" : "");
        FetchRequest.Topic t = r.topics().get(0);
        assertThat(t.name()).isEqualTo(version >= 13 ? null : "orders");
        assertThat(t.topicId()).isEqualTo(version >= 13 ? ID : TopicId.ZERO);
        assertThat(t.partitions()).containsExactly(new FetchRequest.Partition(4, version >= 9 ? 6 : -1, 1000L,
                version >= 12 ? 5 : -1, version >= 5 ? 10L : -1L, 1_048_576));
        if (version >= 7) {
            assertThat(r.forgottenTopics()).singleElement().satisfies(f -> assertThat(f.partitions()).containsExactly(1, 2));
        } else {
            assertThat(r.forgottenTopics()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(shorts = {4, 7, 11, 12, 13, 16, 18})
    void sendsRecordDataFromAFileAsItsOwnChunkAndKafkaClientsParseIt(short version) throws IOException {
        MemoryRecords batches = ProduceCodecTest.batch("fetched");
        Path file = dir.resolve("00000000000000000000.log");
        byte[] junk = new byte[37];
        try (FileChannel w = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            w.write(ByteBuffer.wrap(junk));
            w.write(batches.buffer());
            w.write(ByteBuffer.wrap(junk));
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            RecordsSlice.FileRange range = new RecordsSlice.FileRange(channel, junk.length, batches.sizeInBytes());
            FetchResponse response = new FetchResponse(3, ErrorCode.NONE, 77, List.of(new FetchResponse.TopicResponse("orders", ID, List.of(
                    new FetchResponse.PartitionResponse(4, ErrorCode.NONE, 1001L, 1000L, 10L, null, null, null,
                            List.of(new FetchResponse.AbortedTransaction(9L, 990L)), version >= 11 ? 3 : -1, range),
                    new FetchResponse.PartitionResponse(5, ErrorCode.FENCED_LEADER_EPOCH, -1L, -1L, -1L,
                            new FetchResponse.EpochEndOffset(4, 800L), new LeaderAndEpoch(1, 8), new FetchResponse.SnapshotId(700L, 3),
                            List.of(), -1, RecordsSlice.EMPTY)))),
                    List.of(new NodeEndpoint(1, "broker-1", 9093, null)));

            ResponseFrame frame = codec.encode(KafkaWire.header(FetchCodec.API_KEY, version), response);

            // The file range is passed through untouched as one chunk: nothing read into the heap.
            assertThat(frame.chunks()).filteredOn(c -> c instanceof RecordsSlice.FileRange).containsExactly(range);
            assertThat(frame.chunks()).first().isInstanceOf(RecordsSlice.Buffer.class);
            long heapBytes = frame.chunks().stream().filter(c -> c instanceof RecordsSlice.Buffer).mapToLong(RecordsSlice::sizeInBytes).sum();
            assertThat(heapBytes + range.size()).isEqualTo(frame.sizeInBytes());

            FetchResponseData d = KafkaWire.parse(frame, version, new FetchResponseData());
            FetchResponseData.FetchableTopicResponse t = d.responses().get(0);
            if (version >= 13) {
                assertThat(t.topicId()).isEqualTo(KAFKA_ID);
            } else {
                assertThat(t.topic()).isEqualTo("orders");
            }
            FetchResponseData.PartitionData p4 = t.partitions().get(0);
            assertThat(p4.highWatermark()).isEqualTo(1001L);
            assertThat(p4.lastStableOffset()).isEqualTo(1000L);
            assertThat(((MemoryRecords) p4.records()).buffer()).isEqualTo(batches.buffer());
            assertThat(p4.abortedTransactions()).singleElement().satisfies(a -> assertThat(a.producerId()).isEqualTo(9L));
            assertThat(p4.preferredReadReplica()).isEqualTo(version >= 11 ? 3 : -1);
            FetchResponseData.PartitionData p5 = t.partitions().get(1);
            assertThat(p5.errorCode()).isEqualTo(ErrorCode.FENCED_LEADER_EPOCH.code());
            assertThat(p5.records().sizeInBytes()).isZero();
            if (version >= 7) {
                assertThat(d.sessionId()).isEqualTo(77);
            }
            if (version >= 12) {
                assertThat(p5.divergingEpoch().epoch()).isEqualTo(4);
                assertThat(p5.divergingEpoch().endOffset()).isEqualTo(800L);
                assertThat(p5.currentLeader().leaderId()).isEqualTo(1);
                assertThat(p5.snapshotId().endOffset()).isEqualTo(700L);
            }
            if (version >= 16) {
                assertThat(d.nodeEndpoints()).singleElement().satisfies(n -> assertThat(n.port()).isEqualTo(9093));
            }
        }
    }

    @Test
    void inMemoryRecordsAlsoTravelAsTheirOwnChunk() {
        MemoryRecords batches = ProduceCodecTest.batch("cached");
        FetchResponse response = new FetchResponse(0, ErrorCode.NONE, 0, List.of(new FetchResponse.TopicResponse("t", TopicId.ZERO, List.of(
                new FetchResponse.PartitionResponse(0, ErrorCode.NONE, 1L, 1L, 0L, null, null, null, List.of(), -1,
                        new RecordsSlice.Buffer(batches.buffer()))))), List.of());
        ResponseFrame frame = codec.encode(KafkaWire.header(FetchCodec.API_KEY, (short) 11), response);
        // Header and body up to the records field, then the records (nothing follows them at v11).
        assertThat(frame.chunks()).hasSize(2);
        assertThat(frame.chunks().get(1)).isInstanceOfSatisfying(RecordsSlice.Buffer.class,
                b -> assertThat(b.bytes()).isEqualTo(batches.buffer()));
        FetchResponseData d = KafkaWire.parse(frame, (short) 11, new FetchResponseData());
        assertThat(((MemoryRecords) d.responses().get(0).partitions().get(0).records()).buffer()).isEqualTo(batches.buffer());
    }

    @Test
    void errorResponseFailsTheWholeFetchAndEveryPartition() {
        FetchRequest r = KafkaWire.decode(request((short) 12), (short) 12);
        FetchResponse e = codec.errorResponse(KafkaWire.header(FetchCodec.API_KEY, (short) 12), r, ErrorCode.NOT_LEADER_OR_FOLLOWER);
        assertThat(e.error()).isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        assertThat(e.topics()).singleElement().satisfies(t -> assertThat(t.partitions()).singleElement().satisfies(p -> {
            assertThat(p.partition()).isEqualTo(4);
            assertThat(p.error()).isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
            assertThat(p.records().sizeInBytes()).isZero();
        }));
        FetchResponseData d = KafkaWire.parse(codec.encode(KafkaWire.header(FetchCodec.API_KEY, (short) 12), e), (short) 12, new FetchResponseData());
        assertThat(d.errorCode()).isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER.code());
    }
}

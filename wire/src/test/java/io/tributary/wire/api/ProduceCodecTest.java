package io.tributary.wire.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.ParsedRequest;
import io.tributary.wire.RequestReader;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.api.produce.ProduceCodec;
import io.tributary.wire.api.produce.ProduceRequest;
import io.tributary.wire.api.produce.ProduceResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class ProduceCodecTest {

    private static final Uuid KAFKA_ID = Uuid.fromString("pzT0nGwBQw2VNBqNlPqU8w");
    private static final TopicId ID = new TopicId(KAFKA_ID.getMostSignificantBits(), KAFKA_ID.getLeastSignificantBits());

    private final ProduceCodec codec = new ProduceCodec();

    public static MemoryRecords batch(String value) {
        return MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("k".getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8)));
    }

    public static ProduceRequestData request(short version, MemoryRecords p0, MemoryRecords p1) {
        ProduceRequestData d = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000).setTransactionalId("txn-1");
        ProduceRequestData.TopicProduceData t = new ProduceRequestData.TopicProduceData();
        if (version >= 13) {
            t.setTopicId(KAFKA_ID);
        } else {
            t.setName("orders");
        }
        t.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(p0));
        t.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(1).setRecords(p1));
        d.topicData().add(t);
        return d;
    }

    @ParameterizedTest
    @ValueSource(shorts = {3, 7, 8, 9, 12, 13})
    void readsRequestsAsClientsSendThem(short version) {
        MemoryRecords p0 = batch("first");
        MemoryRecords p1 = batch("second");
        ProduceRequest r = KafkaWire.decode(request(version, p0, p1), version);

        assertThat(r.acks()).isEqualTo((short) -1);
        assertThat(r.timeoutMs()).isEqualTo(30_000);
        assertThat(r.transactionalId()).isEqualTo("txn-1");
        assertThat(r.topics()).hasSize(1);
        ProduceRequest.TopicData t = r.topics().get(0);
        if (version >= 13) {
            assertThat(t.name()).isNull();
            assertThat(t.topicId()).isEqualTo(ID);
            assertThat(t.byId()).isTrue();
        } else {
            assertThat(t.name()).isEqualTo("orders");
            assertThat(t.topicId()).isEqualTo(TopicId.ZERO);
        }
        assertThat(t.partitions()).extracting(ProduceRequest.PartitionData::partition).containsExactly(0, 1);
        assertThat(t.partitions().get(0).records()).isEqualTo(p0.buffer());
        assertThat(t.partitions().get(1).records()).isEqualTo(p1.buffer());
    }

    @Test
    void recordBytesAreAViewOfTheFrameNotACopy() {
        MemoryRecords p0 = batch("first");
        ByteBuffer frame = KafkaWire.request(request((short) 9, p0, batch("second")), (short) 9);
        ParsedRequest.Ok<?, ?> ok = (ParsedRequest.Ok<?, ?>) new RequestReader(ApiRegistry.standard()).read(frame);
        ByteBuffer records = ((ProduceRequest) ok.body()).topics().get(0).partitions().get(0).records();
        assertThat(records.position()).isZero();
        assertThat(records.remaining()).isEqualTo(p0.sizeInBytes());

        // Find where the records start in the frame and change a byte there: the view must see it.
        int at = indexOf(frame, p0.buffer());
        frame.put(at, (byte) (frame.get(at) + 1));
        assertThat(records.get(0)).isEqualTo(frame.get(at));
    }

    @Test
    void recordBytesAreWritableInPlaceWhenTheFrameIsAndStayDirect() {
        MemoryRecords p0 = batch("first");
        ByteBuffer heap = KafkaWire.request(request((short) 9, p0, batch("second")), (short) 9);
        ByteBuffer frame = ByteBuffer.allocateDirect(heap.remaining()).put(heap.duplicate()).flip();
        ParsedRequest.Ok<?, ?> ok = (ParsedRequest.Ok<?, ?>) new RequestReader(ApiRegistry.standard()).read(frame);
        ByteBuffer records = ((ProduceRequest) ok.body()).topics().get(0).partitions().get(0).records();
        assertThat(records.isReadOnly()).isFalse();
        assertThat(records.isDirect()).isTrue();

        // The broker stamps the base offset in place: the write lands in the frame itself.
        records.putLong(0, 42L);
        int at = indexOf(heap, p0.buffer());
        assertThat(frame.getLong(at)).isEqualTo(42L);
    }

    @Test
    void aReadOnlyFrameGivesReadOnlyRecordBytes() {
        ByteBuffer frame = KafkaWire.request(request((short) 9, batch("first"), batch("second")), (short) 9).asReadOnlyBuffer();
        ParsedRequest.Ok<?, ?> ok = (ParsedRequest.Ok<?, ?>) new RequestReader(ApiRegistry.standard()).read(frame);
        ByteBuffer records = ((ProduceRequest) ok.body()).topics().get(0).partitions().get(0).records();
        assertThat(records.isReadOnly()).isTrue();
        assertThat(records.remaining()).isPositive();
    }

    @Test
    void nullRecordsReadAsAnEmptyBuffer() {
        ProduceRequestData d = request((short) 9, batch("a"), batch("b"));
        d.topicData().iterator().next().partitionData().get(0).setRecords(null);
        ProduceRequest r = KafkaWire.decode(d, (short) 9);
        assertThat(r.topics().get(0).partitions().get(0).records().remaining()).isZero();
    }

    @ParameterizedTest
    @ValueSource(shorts = {3, 4, 5, 7, 8, 9, 10, 12, 13})
    void encodesResponsesThatKafkaClientsParse(short version) {
        ProduceResponse response = new ProduceResponse(List.of(new ProduceResponse.TopicResponse("orders", ID, List.of(
                new ProduceResponse.PartitionResponse(0, ErrorCode.NONE, 100L, 1_700_000_000_000L, 5L, List.of(), null, null),
                new ProduceResponse.PartitionResponse(1, ErrorCode.NOT_LEADER_OR_FOLLOWER, -1L, -1L, -1L,
                        List.of(new ProduceResponse.RecordError(3, "bad record")), "not the leader", new LeaderAndEpoch(2, 7))))),
                11, List.of(new NodeEndpoint(2, "broker-2", 9092, "rack-b")));

        ResponseFrame frame = codec.encode(KafkaWire.header(ProduceCodec.API_KEY, version), response);
        ProduceResponseData d = KafkaWire.parse(frame, version, new ProduceResponseData());

        assertThat(d.throttleTimeMs()).isEqualTo(11);
        ProduceResponseData.TopicProduceResponse t = d.responses().iterator().next();
        if (version >= 13) {
            assertThat(t.topicId()).isEqualTo(KAFKA_ID);
        } else {
            assertThat(t.name()).isEqualTo("orders");
        }
        ProduceResponseData.PartitionProduceResponse p0 = t.partitionResponses().get(0);
        ProduceResponseData.PartitionProduceResponse p1 = t.partitionResponses().get(1);
        assertThat(p0.baseOffset()).isEqualTo(100L);
        assertThat(p0.logAppendTimeMs()).isEqualTo(1_700_000_000_000L);
        assertThat(p0.logStartOffset()).isEqualTo(version >= 5 ? 5L : -1L);
        assertThat(p1.errorCode()).isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER.code());
        if (version >= 8) {
            assertThat(p1.recordErrors()).singleElement().satisfies(e -> {
                assertThat(e.batchIndex()).isEqualTo(3);
                assertThat(e.batchIndexErrorMessage()).isEqualTo("bad record");
            });
            assertThat(p1.errorMessage()).isEqualTo("not the leader");
        }
        if (version >= 10) {
            assertThat(p1.currentLeader().leaderId()).isEqualTo(2);
            assertThat(p1.currentLeader().leaderEpoch()).isEqualTo(7);
            assertThat(d.nodeEndpoints()).singleElement().satisfies(n -> {
                assertThat(n.nodeId()).isEqualTo(2);
                assertThat(n.host()).isEqualTo("broker-2");
                assertThat(n.rack()).isEqualTo("rack-b");
            });
        } else {
            assertThat(d.nodeEndpoints()).isEmpty();
        }
    }

    @Test
    void errorResponseFailsEveryPartition() {
        ProduceRequest r = KafkaWire.decode(request((short) 9, batch("a"), batch("b")), (short) 9);
        ProduceResponse e = codec.errorResponse(KafkaWire.header(ProduceCodec.API_KEY, (short) 9), r, ErrorCode.REQUEST_TIMED_OUT);
        assertThat(e.topics()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("orders");
            assertThat(t.partitions()).extracting(ProduceResponse.PartitionResponse::partition).containsExactly(0, 1);
            assertThat(t.partitions()).allSatisfy(p -> {
                assertThat(p.error()).isEqualTo(ErrorCode.REQUEST_TIMED_OUT);
                assertThat(p.baseOffset()).isEqualTo(-1L);
            });
        });
    }

    private static int indexOf(ByteBuffer haystack, ByteBuffer needle) {
        outer:
        for (int i = 0; i + needle.remaining() <= haystack.limit(); i++) {
            for (int j = 0; j < needle.remaining(); j++) {
                if (haystack.get(i + j) != needle.get(needle.position() + j)) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("records not found in the frame");
    }
}

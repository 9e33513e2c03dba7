package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.ProduceResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wire-level behaviour a Kafka client relies on, driven over raw sockets with kafka-clients request classes. */
class ProtocolBehaviourTest {

    @TempDir
    Path dir;
    TestBroker b;

    @BeforeEach
    void start() throws Exception {
        b = TestBroker.withTopic(dir, "t");
    }

    @AfterEach
    void stop() {
        b.close();
    }

    private static FetchRequest fetch(String topic, long offset, int maxWaitMs, int minBytes) {
        Map<TopicPartition, FetchRequest.PartitionData> data = Map.of(new TopicPartition(topic, 0),
                new FetchRequest.PartitionData(Uuid.ZERO_UUID, offset, -1L, 1 << 20, Optional.empty()));
        return FetchRequest.Builder.forConsumer((short) 12, maxWaitMs, minBytes, data).build((short) 12);
    }

    private static FetchResponseData.PartitionData only(FetchResponse r) {
        return r.data().responses().get(0).partitions().get(0);
    }

    private static int recordBytes(FetchResponseData.PartitionData p) {
        return p.records() == null ? 0 : p.records().sizeInBytes();
    }

    private static ProduceResponseData.PartitionProduceResponse only(ProduceResponse r) {
        return r.data().responses().iterator().next().partitionResponses().get(0);
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrder() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            // A long-polling fetch first: the ApiVersions behind it finishes first but must be answered second.
            int fetchId = c.send(fetch("t", 0, 400, 1));
            int versionsId = c.send(new ApiVersionsRequest.Builder().build((short) 3));
            int fetch2Id = c.send(fetch("t", 0, 0, 1));
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                order.add(c.receive().correlationId());
            }
            assertThat(order).containsExactly(fetchId, versionsId, fetch2Id);
        }
    }

    @Test
    void acksZeroProduceGetsNoResponseButIsWritten() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            c.send(RawKafkaClient.produce("t", 0, (short) 0, RawKafkaClient.plain(System.currentTimeMillis(), "a", "b")));
            int versionsId = c.send(new ApiVersionsRequest.Builder().build((short) 3));
            RawKafkaClient.Response r = c.receive();
            assertThat(r.correlationId()).isEqualTo(versionsId);
            assertThat(r.body()).isInstanceOf(ApiVersionsResponse.class);
            FetchResponse f = c.call(fetch("t", 0, 0, 1));
            assertThat(only(f).highWatermark()).isEqualTo(2);
        }
    }

    @Test
    void aFailedAcksZeroProduceClosesTheConnection() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            c.send(RawKafkaClient.produce("t", 7, (short) 0, RawKafkaClient.plain(System.currentTimeMillis(), "x")));
            assertThat(c.closedByPeer(5000)).isTrue();
        }
    }

    @Test
    void oversizedAndGarbageFramesCloseOnlyTheirConnection() throws Exception {
        try (KafkaProducer<String, String> producer = b.producer();
             RawKafkaClient oversized = new RawKafkaClient(b.bootstrap());
             RawKafkaClient garbage = new RawKafkaClient(b.bootstrap())) {
            producer.send(new ProducerRecord<>("t", "before")).get();
            oversized.sendRaw(ByteBuffer.allocate(4).putInt(200 * 1024 * 1024).array());
            byte[] junk = new byte[64];
            for (int i = 0; i < junk.length; i++) {
                junk[i] = (byte) (i * 37 + 11);
            }
            garbage.sendRaw(ByteBuffer.allocate(4 + junk.length).putInt(junk.length).put(junk).array());
            assertThat(oversized.closedByPeer(5000)).isTrue();
            assertThat(garbage.closedByPeer(5000)).isTrue();
            assertThat(producer.send(new ProducerRecord<>("t", "after")).get().offset()).isEqualTo(1L);
        }
    }

    @Test
    void fetchWaitsForMinBytesAndReturnsWhenDataArrives() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap()); KafkaProducer<String, String> producer = b.producer()) {
            long start = System.nanoTime();
            int id = c.send(fetch("t", 0, 10_000, 1));
            // The fetch is parked: produce now, and the fetch must return with the data long before its 10 s wait.
            producer.send(new ProducerRecord<>("t", "wake up")).get();
            RawKafkaClient.Response r = c.receive();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.correlationId()).isEqualTo(id);
            assertThat(recordBytes(only((FetchResponse) r.body()))).isPositive();
            assertThat(tookMs).isLessThan(5_000);
        }
    }

    @Test
    void fetchReturnsEmptyAfterMaxWaitWhenNoDataArrives() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            long start = System.nanoTime();
            FetchResponse r = c.call(fetch("t", 0, 300, 1));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.error()).isEqualTo(Errors.NONE);
            assertThat(only(r).errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(recordBytes(only(r))).isZero();
            assertThat(tookMs).isBetween(290L, 5_000L);
            assertThat(r.sessionId()).isZero();
        }
    }

    @Test
    void idempotentRetryGetsTheOriginalOffsetAndIsWrittenOnce() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            c.call(RawKafkaClient.produce("t", 0, (short) -1, RawKafkaClient.plain(System.currentTimeMillis(), "other")));
            ProduceResponse first = c.call(RawKafkaClient.produce("t", 0, (short) -1, RawKafkaClient.idempotent(4000L, (short) 0, 0, "a", "b")));
            ProduceResponse retry = c.call(RawKafkaClient.produce("t", 0, (short) -1, RawKafkaClient.idempotent(4000L, (short) 0, 0, "a", "b")));
            assertThat(only(first).errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(only(first).baseOffset()).isEqualTo(1L);
            assertThat(only(retry).errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(only(retry).baseOffset()).isEqualTo(1L);
            assertThat(only((FetchResponse) c.call(fetch("t", 0, 0, 1))).highWatermark()).isEqualTo(3L);
        }
    }

    @Test
    void aSequenceGapIsOutOfOrder() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            c.call(RawKafkaClient.produce("t", 0, (short) -1, RawKafkaClient.idempotent(5000L, (short) 0, 0, "a")));
            ProduceResponse gap = c.call(RawKafkaClient.produce("t", 0, (short) -1, RawKafkaClient.idempotent(5000L, (short) 0, 5, "f")));
            assertThat(Errors.forCode(only(gap).errorCode())).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
            ProduceResponse next = c.call(RawKafkaClient.produce("t", 0, (short) -1, RawKafkaClient.idempotent(5000L, (short) 0, 1, "b")));
            assertThat(only(next).errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(only(next).baseOffset()).isEqualTo(1L);
        }
    }

    @Test
    void producerStateSurvivesARestart() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            for (int seq = 0; seq < 3; seq++) {
                c.call(RawKafkaClient.produce("t", 0, (short) -1, RawKafkaClient.idempotent(6000L, (short) 0, seq, "v" + seq)));
            }
        }
        b.restart();
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            ProduceResponse retry = produceWhenLeaderIsBack(c, RawKafkaClient.idempotent(6000L, (short) 0, 2, "v2"));
            assertThat(only(retry).errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(only(retry).baseOffset()).isEqualTo(2L);
            ProduceResponse gap = c.call(RawKafkaClient.produce("t", 0, (short) -1, RawKafkaClient.idempotent(6000L, (short) 0, 9, "x")));
            assertThat(Errors.forCode(only(gap).errorCode())).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
        }
        try (Admin admin = b.admin()) {
            TopicPartition tp = new TopicPartition("t", 0);
            assertThat(admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset()).isEqualTo(3L);
        }
    }

    private static ProduceResponse produceWhenLeaderIsBack(RawKafkaClient c,
                                                           org.apache.kafka.common.record.internal.MemoryRecords records) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            ProduceResponse r = c.call(RawKafkaClient.produce("t", 0, (short) -1, records));
            if (only(r).errorCode() != Errors.NOT_LEADER_OR_FOLLOWER.code() || System.nanoTime() > deadline) {
                return r;
            }
        }
    }

    private static FetchRequest fetchWithLimits(long offset, int partitionMaxBytes, int responseMaxBytes) {
        Map<TopicPartition, FetchRequest.PartitionData> data = Map.of(new TopicPartition("t", 0),
                new FetchRequest.PartitionData(Uuid.ZERO_UUID, offset, -1L, partitionMaxBytes, Optional.empty()));
        return FetchRequest.Builder.forConsumer((short) 12, 0, 1, data).setMaxBytes(responseMaxBytes).build((short) 12);
    }

    private static int batchCount(FetchResponseData.PartitionData p) {
        int n = 0;
        for (var ignored : ((org.apache.kafka.common.record.internal.Records) p.records()).batches()) {
            n++;
        }
        return n;
    }

    @Test
    void fetchRespectsByteLimitsButAlwaysReturnsAWholeFirstBatch() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            String kb = "x".repeat(1000);
            for (int i = 0; i < 3; i++) {
                c.call(RawKafkaClient.produce("t", 0, (short) 1, RawKafkaClient.plain(System.currentTimeMillis(), kb)));
            }
            FetchResponseData.PartitionData tiny = only((FetchResponse) c.call(fetchWithLimits(0, 1, 1 << 20)));
            assertThat(batchCount(tiny)).as("a partition limit below one batch still returns that batch").isEqualTo(1);
            int oneBatch = recordBytes(tiny);
            FetchResponseData.PartitionData two = only((FetchResponse) c.call(fetchWithLimits(0, 2 * oneBatch + 10, 1 << 20)));
            assertThat(batchCount(two)).isEqualTo(2);
            FetchResponseData.PartitionData capped = only((FetchResponse) c.call(fetchWithLimits(0, 1 << 20, 2 * oneBatch + 10)));
            assertThat(batchCount(capped)).as("the response limit caps the partition too").isEqualTo(2);
            FetchResponseData.PartitionData rest = only((FetchResponse) c.call(fetchWithLimits(1, 1 << 20, 1 << 20)));
            assertThat(batchCount(rest)).isEqualTo(2);
        }
    }
}

package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.network.NettyLeaks;
import io.tributary.broker.partition.Partition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life of a produce request's bytes through a real broker: they are stamped in place and written
 * from the request frame, and the frame is released on every path (answered, acks=0, refused,
 * malformed, waiting in the produce purgatory while its connection closes). Netty's leak detector
 * (paranoid in the broker's tests) checks the releases; reads check the bytes that reached the log.
 */
class ProduceLifetimeTest {

    static {
        NettyLeaks.install();
    }

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

    static ProduceResponseData.PartitionProduceResponse only(ProduceResponse r) {
        return r.data().responses().iterator().next().partitionResponses().get(0);
    }

    /** Every record's value by offset, read with a consumer's Fetch (no leader epoch, so any epoch serves). */
    static Map<Long, String> readAll(String bootstrap, String topic) throws Exception {
        Map<Long, String> out = new TreeMap<>();
        try (RawKafkaClient c = new RawKafkaClient(bootstrap)) {
            long next = 0;
            while (true) {
                Map<TopicPartition, FetchRequest.PartitionData> data = Map.of(new TopicPartition(topic, 0),
                        new FetchRequest.PartitionData(Uuid.ZERO_UUID, next, -1L, 1 << 20, Optional.empty()));
                FetchResponse f = c.call(FetchRequest.Builder.forConsumer((short) 12, 0, 1, data).build((short) 12));
                FetchResponseData.PartitionData p = f.data().responses().get(0).partitions().get(0);
                assertThat(Errors.forCode(p.errorCode())).isEqualTo(Errors.NONE);
                MemoryRecords records = (MemoryRecords) p.records();
                if (records == null || records.sizeInBytes() == 0) {
                    return out;
                }
                for (RecordBatch batch : records.batches()) {
                    assertThat(batch.isValid()).as("batch at %d has a valid CRC", batch.baseOffset()).isTrue();
                    for (Record r : batch) {
                        out.put(r.offset(), StandardCharsets.UTF_8.decode(r.value()).toString());
                    }
                    next = batch.nextOffset();
                }
            }
        }
    }

    /** The records of a produce with one byte of the last record changed, so its CRC no longer matches. */
    static MemoryRecords corrupted(MemoryRecords records) {
        ByteBuffer copy = ByteBuffer.allocate(records.sizeInBytes()).put(records.buffer().duplicate()).flip();
        int last = copy.limit() - 1;
        copy.put(last, (byte) (copy.get(last) ^ 0x5a));
        return MemoryRecords.readableRecords(copy);
    }

    /** A Produce frame (size prefix included) cut short in its body: a request that does not parse. */
    static byte[] truncatedProduce(MemoryRecords records) {
        ProduceRequest request = RawKafkaClient.produce("t", 0, (short) 1, records);
        ByteBuffer full = request.serializeWithHeader(new RequestHeader(ApiKeys.PRODUCE, (short) 12, "raw-test", 4242));
        int size = full.remaining() - records.sizeInBytes() / 2 - 20;
        ByteBuffer frame = ByteBuffer.allocate(4 + size).putInt(size);
        frame.put(full.limit(full.position() + size));
        return frame.array();
    }

    @Test
    void aProduceWaitingInPurgatoryIsAnsweredFromTheFrameItStampedInPlace() throws Exception {
        Partition p = b.broker.replicaManager().partition(new io.tributary.common.TopicPartition("t", 0));
        int epoch = p.leaderEpoch() + 1;
        // As if a follower had joined the ISR: acks=all now waits for replica 2, which never fetches.
        p.makeLeader(epoch, 100, List.of(1, 2), List.of(1, 2), 1, System.currentTimeMillis());
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            int id = c.send(RawKafkaClient.produce("t", 0, (short) -1, RawKafkaClient.plain(System.currentTimeMillis(), "w0", "w1")));
            await().atMost(Duration.ofSeconds(10)).until(() -> p.logEndOffset() == 2);
            assertThat(p.highWatermark()).isZero();
            // The follower leaves the ISR: the high watermark moves, and the next append wakes the waiting produce.
            p.makeLeader(epoch, 101, List.of(1, 2), List.of(1), 1, System.currentTimeMillis());
            try (RawKafkaClient other = new RawKafkaClient(b.bootstrap())) {
                ProduceResponse r = other.call(RawKafkaClient.produce("t", 0, (short) 1, RawKafkaClient.plain(System.currentTimeMillis(), "w2")));
                assertThat(only(r).baseOffset()).isEqualTo(2);
            }
            RawKafkaClient.Response waited = c.receive();
            assertThat(waited.correlationId()).isEqualTo(id);
            assertThat(Errors.forCode(only((ProduceResponse) waited.body()).errorCode())).isEqualTo(Errors.NONE);
            assertThat(only((ProduceResponse) waited.body()).baseOffset()).isZero();
        }
        assertThat(readAll(b.bootstrap(), "t")).containsExactlyEntriesOf(new TreeMap<>(Map.of(0L, "w0", 1L, "w1", 2L, "w2")));
        NettyLeaks.assertNoLeaks();
    }

    @Test
    void aProduceWaitingInPurgatoryWhenItsConnectionClosesReleasesItsFrameWhenItCompletes() throws Exception {
        Partition p = b.broker.replicaManager().partition(new io.tributary.common.TopicPartition("t", 0));
        int epoch = p.leaderEpoch() + 1;
        p.makeLeader(epoch, 100, List.of(1, 2), List.of(1, 2), 1, System.currentTimeMillis());
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            c.send(RawKafkaClient.produce("t", 0, (short) -1, RawKafkaClient.plain(System.currentTimeMillis(), "gone")));
            await().atMost(Duration.ofSeconds(10)).until(() -> p.logEndOffset() == 1);
        }
        // The client is gone; its produce still waits. Let it complete, then look for its frame.
        p.makeLeader(epoch, 101, List.of(1, 2), List.of(1), 1, System.currentTimeMillis());
        try (RawKafkaClient other = new RawKafkaClient(b.bootstrap())) {
            ProduceResponse r = other.call(RawKafkaClient.produce("t", 0, (short) 1, RawKafkaClient.plain(System.currentTimeMillis(), "next")));
            assertThat(only(r).baseOffset()).isEqualTo(1);
        }
        assertThat(readAll(b.bootstrap(), "t")).containsExactlyEntriesOf(new TreeMap<>(Map.of(0L, "gone", 1L, "next")));
        NettyLeaks.assertNoLeaks();
    }

    @Test
    void refusedMalformedAndAcksZeroProducesReleaseTheirFrames() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            c.send(RawKafkaClient.produce("t", 0, (short) 0, RawKafkaClient.plain(System.currentTimeMillis(), "a0")));
            ProduceResponse corrupt = c.call(RawKafkaClient.produce("t", 0, (short) 1,
                    corrupted(RawKafkaClient.plain(System.currentTimeMillis(), "bad"))));
            assertThat(Errors.forCode(only(corrupt).errorCode())).isEqualTo(Errors.CORRUPT_MESSAGE);
            ProduceResponse unknown = c.call(RawKafkaClient.produce("t", 5, (short) 1, RawKafkaClient.plain(System.currentTimeMillis(), "x")));
            assertThat(Errors.forCode(only(unknown).errorCode())).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
            ProduceResponse ok = c.call(RawKafkaClient.produce("t", 0, (short) 1, RawKafkaClient.plain(System.currentTimeMillis(), "a1")));
            assertThat(only(ok).baseOffset()).isEqualTo(1);
        }
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            c.send(RawKafkaClient.produce("t", 9, (short) 0, RawKafkaClient.plain(System.currentTimeMillis(), "nowhere")));
            assertThat(c.closedByPeer(5000)).as("a failed acks=0 produce closes the connection").isTrue();
        }
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            c.sendRaw(truncatedProduce(RawKafkaClient.plain(System.currentTimeMillis(), "cut", "short")));
            assertThat(c.closedByPeer(5000)).as("a produce that does not parse closes the connection").isTrue();
        }
        assertThat(readAll(b.bootstrap(), "t")).containsExactlyEntriesOf(new TreeMap<>(Map.of(0L, "a0", 1L, "a1")));
        NettyLeaks.assertNoLeaks();
    }

    @Test
    void pipelinedProducesCutOffByACloseLeakNothingAndWhatWasAcknowledgedIsReadable() throws Exception {
        List<Integer> ids = new ArrayList<>();
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            for (int i = 0; i < 20; i++) {
                ids.add(c.send(RawKafkaClient.produce("t", 0, (short) (i % 2 == 0 ? 1 : -1),
                        RawKafkaClient.plain(System.currentTimeMillis(), "p" + i, "x".repeat(2000)))));
            }
            for (int i = 0; i < 5; i++) {
                RawKafkaClient.Response r = c.receive();
                assertThat(r.correlationId()).isEqualTo(ids.get(i));
                assertThat(only((ProduceResponse) r.body()).baseOffset()).isEqualTo(2L * i);
            }
        }
        // Requests after the fifth may or may not have been appended when the connection closed; the first
        // five were acknowledged and must be there.
        Map<Long, String> read = readAll(b.bootstrap(), "t");
        for (int i = 0; i < 5; i++) {
            assertThat(read).containsEntry(2L * i, "p" + i);
        }
        NettyLeaks.assertNoLeaks();
    }
}

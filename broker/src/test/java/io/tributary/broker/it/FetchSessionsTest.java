package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FetchMetadata;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental fetch sessions (KIP-227) on the wire, and with the Java consumer, which uses them on its own. */
class FetchSessionsTest {

    private static final short VERSION = 12;

    @TempDir
    Path dir;

    @Test
    void theJavaConsumerReadsSeveralPartitionsThroughOneSession() throws Exception {
        try (TestBroker b = new TestBroker(dir); Admin admin = b.admin()) {
            admin.createTopics(List.of(new NewTopic("s", 4, (short) 1))).all().get();
            try (KafkaProducer<String, String> p = b.producer()) {
                for (int i = 0; i < 200; i++) {
                    p.send(new ProducerRecord<>("s", i % 4, "k" + i, "v" + i));
                }
                p.flush();
            }
            try (KafkaConsumer<String, String> c = b.consumer()) {
                List<TopicPartition> tps = List.of(new TopicPartition("s", 0), new TopicPartition("s", 1), new TopicPartition("s", 2),
                        new TopicPartition("s", 3));
                c.assign(tps);
                c.seekToBeginning(tps);
                List<ConsumerRecord<String, String>> got = new ArrayList<>();
                await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                    c.poll(Duration.ofMillis(100)).forEach(got::add);
                    return got.size() >= 200;
                });
                assertThat(got).hasSize(200);
                for (TopicPartition tp : tps) {
                    assertThat(got).filteredOn(r -> r.partition() == tp.partition()).extracting(ConsumerRecord::offset)
                            .as("partition %s in order, without gaps", tp).containsExactlyElementsOf(range(50));
                }
                // Polling on with nothing new keeps using the same session (incremental fetches, empty answers).
                for (int i = 0; i < 5; i++) {
                    assertThat(c.poll(Duration.ofMillis(50))).isEmpty();
                }
            }
            assertThat(b.broker.fetchSessions().sessionsCreated())
                    .as("one session, used incrementally throughout: a session error would have made the consumer open another")
                    .isEqualTo(1);
            assertThat(b.broker.fetchSessions().sessionsRefused()).isZero();
        }
    }

    @Test
    void incrementalFetchesSendOnlyWhatChanged() throws Exception {
        try (TestBroker b = new TestBroker(dir); Admin admin = b.admin()) {
            admin.createTopics(List.of(new NewTopic("i", 2, (short) 1))).all().get();
            TopicPartition p0 = new TopicPartition("i", 0);
            TopicPartition p1 = new TopicPartition("i", 1);
            try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
                c.call(RawKafkaClient.produce("i", 0, (short) 1, RawKafkaClient.plain(1L, "a", "b")));
                Map<TopicPartition, FetchRequest.PartitionData> both = new LinkedHashMap<>();
                both.put(p0, at(0));
                both.put(p1, at(0));
                FetchResponse full = c.call(fetch(both, new FetchMetadata(0, FetchMetadata.INITIAL_EPOCH), List.of()));
                assertThat(full.error()).isEqualTo(Errors.NONE);
                int session = full.sessionId();
                assertThat(session).as("a full fetch at epoch 0 opens a session").isPositive();
                assertThat(partitions(full)).containsExactly("i-0", "i-1");

                // Epoch 1: the client moves partition 0 on; nothing changed since, so nothing comes back.
                FetchResponse quiet = c.call(fetch(Map.of(p0, at(2)), new FetchMetadata(session, 1), List.of()));
                assertThat(quiet.error()).isEqualTo(Errors.NONE);
                assertThat(quiet.sessionId()).isEqualTo(session);
                assertThat(partitions(quiet)).isEmpty();

                // Epoch 2 names no partition; the session still reads partition 1 at 0 and sends its new record.
                c.call(RawKafkaClient.produce("i", 1, (short) 1, RawKafkaClient.plain(2L, "c")));
                FetchResponse news = c.call(fetch(Map.of(), new FetchMetadata(session, 2), List.of()));
                assertThat(partitions(news)).containsExactly("i-1");
                FetchResponseData.PartitionData d = news.data().responses().get(0).partitions().get(0);
                assertThat(d.highWatermark()).isEqualTo(1L);
                assertThat(d.records().sizeInBytes()).isPositive();

                // A repeated epoch is refused, and the session stays usable at the right one.
                FetchResponse stale = c.call(fetch(Map.of(), new FetchMetadata(session, 2), List.of()));
                assertThat(stale.error()).isEqualTo(Errors.INVALID_FETCH_SESSION_EPOCH);
                assertThat(stale.sessionId()).isZero();
                FetchResponse unknown = c.call(fetch(Map.of(), new FetchMetadata(session + 1, 1), List.of()));
                assertThat(unknown.error()).isEqualTo(Errors.FETCH_SESSION_ID_NOT_FOUND);

                // Forgetting partition 1 (read at 0 with a record: it would be sent again) leaves partition 0 alone, which is quiet.
                FetchResponse forgot = c.call(fetch(Map.of(), new FetchMetadata(session, 3),
                        List.of(new TopicIdPartition(Uuid.ZERO_UUID, p1))));
                assertThat(forgot.error()).isEqualTo(Errors.NONE);
                assertThat(partitions(forgot)).isEmpty();

                // Forgetting the last partition closes the session.
                FetchResponse closed = c.call(fetch(Map.of(), new FetchMetadata(session, 4),
                        List.of(new TopicIdPartition(Uuid.ZERO_UUID, p0))));
                assertThat(closed.sessionId()).isZero();
                assertThat(c.<FetchResponse>call(fetch(Map.of(), new FetchMetadata(session, 5), List.of())).error())
                        .isEqualTo(Errors.FETCH_SESSION_ID_NOT_FOUND);
            }
            assertThat(b.broker.fetchSessions().size()).isZero();
        }
    }

    private static FetchRequest.PartitionData at(long offset) {
        return new FetchRequest.PartitionData(Uuid.ZERO_UUID, offset, -1L, 1 << 20, Optional.empty());
    }

    private static FetchRequest fetch(Map<TopicPartition, FetchRequest.PartitionData> data, FetchMetadata metadata,
                                      List<TopicIdPartition> forgotten) {
        return FetchRequest.Builder.forConsumer(VERSION, 0, 1, data).metadata(metadata).removed(forgotten).build(VERSION);
    }

    private static List<String> partitions(FetchResponse r) {
        List<String> out = new ArrayList<>();
        r.data().responses().forEach(t -> t.partitions().forEach(p -> out.add(t.topic() + "-" + p.partitionIndex())));
        return out;
    }

    private static List<Long> range(int n) {
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}

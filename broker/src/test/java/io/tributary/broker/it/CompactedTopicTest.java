package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.InvalidRecordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compacted topic through the official Java client: the broker's cleaner keeps the latest value
 * per key at its original offset, a consumer reads across the gaps it leaves, and a keyless record
 * is refused with INVALID_RECORD while the same request's other partitions are written.
 */
class CompactedTopicTest {

    @TempDir
    Path dir;

    @Test
    void theCleanerKeepsTheLatestValuePerKeyAndAConsumerReadsAcrossTheGaps() throws Exception {
        try (TestBroker b = new TestBroker(dir, Map.of("log.cleaner.backoff.ms", "50")); Admin admin = b.admin()) {
            admin.createTopics(List.of(new NewTopic("table", 1, (short) 1).configs(Map.of("cleanup.policy", "compact",
                    "segment.ms", "1", "min.cleanable.dirty.ratio", "0.01")))).all().get();
            Map<String, String> latest = new LinkedHashMap<>();
            Map<String, Long> latestOffset = new LinkedHashMap<>();
            try (KafkaProducer<String, String> p = b.producer()) {
                for (int i = 0; i < 60; i++) {
                    String key = "k" + (i % 5);
                    long offset = p.send(new ProducerRecord<>("table", key, "v" + i)).get().offset();
                    latest.put(key, "v" + i);
                    latestOffset.put(key, offset);
                }
                // Records after the last rolled segment stay until they are in a rolled one: a last write moves them there.
                p.send(new ProducerRecord<>("table", "last", "x")).get();
            }
            TopicPartition tp = new TopicPartition("table", 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> readAll(b, tp).size() <= 5 + 1 + 1);
            List<ConsumerRecord<String, String>> got = readAll(b, tp);
            Map<String, String> values = new LinkedHashMap<>();
            for (ConsumerRecord<String, String> r : got) {
                values.put(r.key(), r.value());
                if (latestOffset.containsKey(r.key()) && r.offset() == latestOffset.get(r.key())) {
                    assertThat(r.value()).isEqualTo(latest.get(r.key()));
                }
            }
            assertThat(values).containsAllEntriesOf(latest);
            assertThat(got).extracting(ConsumerRecord::offset).as("offsets kept, gaps between").contains(latestOffset.get("k4"))
                    .doesNotContain(0L);
        }
    }

    @Test
    void aKeylessRecordIsRefusedWithInvalidRecordWhileOtherPartitionsAreServed() throws Exception {
        try (TestBroker b = new TestBroker(dir); Admin admin = b.admin()) {
            admin.createTopics(List.of(new NewTopic("table", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic("plain", 1, (short) 1))).all().get();
            try (KafkaProducer<String, String> p = b.producer(Map.of("linger.ms", 50, "enable.idempotence", false, "retries", 0))) {
                var keyless = p.send(new ProducerRecord<>("table", null, "no key"));
                var plain = p.send(new ProducerRecord<>("plain", null, "fine"));
                Throwable refused = catchThrowable(keyless::get);
                assertThat(refused).isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidRecordException.class)
                        .hasMessage("Compacted topic cannot accept message without key in topic partition table-0.");
                assertThat(plain.get().offset()).isZero();
                assertThat(p.send(new ProducerRecord<>("table", "k", "keyed")).get().offset()).isZero();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "snappy", "lz4", "zstd"})
    void aKeylessRecordInACompressedBatchIsRefusedToo(String codec) throws Exception {
        try (TestBroker b = new TestBroker(dir); Admin admin = b.admin()) {
            admin.createTopics(List.of(new NewTopic("table", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
            try (KafkaProducer<String, String> p = b.producer(Map.of("linger.ms", 50, "enable.idempotence", false, "retries", 0,
                    "compression.type", codec))) {
                // One batch: a keyed record, then a keyless one at index 1, as KIP-467's record error must say.
                var keyed = p.send(new ProducerRecord<>("table", "k", "keyed"));
                var keyless = p.send(new ProducerRecord<>("table", null, "no key"));
                Throwable refused = catchThrowable(keyless::get);
                assertThat(refused).isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidRecordException.class)
                        .hasMessage("Compacted topic cannot accept message without key in topic partition table-0.");
                assertThat(catchThrowable(keyed::get)).as("the whole batch is refused, as in Kafka").isNotNull();
                assertThat(p.send(new ProducerRecord<>("table", "k", "keyed again")).get().offset()).isZero();
            }
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(TestBroker b, TopicPartition tp) {
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        try (KafkaConsumer<String, String> c = b.consumer()) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            while (c.position(tp) < end) {
                c.poll(Duration.ofMillis(100)).forEach(got::add);
            }
        }
        return got;
    }
}

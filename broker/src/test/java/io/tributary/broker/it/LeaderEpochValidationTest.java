package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.LogTruncationException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KIP-320 through the Java consumer: offsets come back with their leader epoch, and a position that
 * carries an epoch is validated with OffsetForLeaderEpoch before fetching, which is how the consumer
 * notices a log that was truncated under it.
 */
class LeaderEpochValidationTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void positionsCarryingAnEpochAreValidatedAgainstTheLeader() throws Exception {
        TopicPartition tp = new TopicPartition("v", 0);
        long base = 1_700_000_000_000L;
        try (TestBroker b = TestBroker.withTopic(dir, "v")) {
            try (KafkaProducer<String, String> p = b.producer()) {
                for (int i = 0; i < 5; i++) {
                    p.send(new ProducerRecord<>("v", 0, base + i * 1000L, "k" + i, "v" + i)).get();
                }
            }
            try (KafkaConsumer<String, String> c = consumer(b)) {
                OffsetAndTimestamp at = c.offsetsForTimes(Map.of(tp, base + 1500L)).get(tp);
                assertThat(at.offset()).isEqualTo(2L);
                assertThat(at.leaderEpoch()).as("ListOffsets v4+ says the epoch of the offset").contains(0);

                c.assign(List.of(tp));
                c.seek(tp, new OffsetAndMetadata(2L, Optional.of(0), ""));
                List<ConsumerRecord<String, String>> got = new ArrayList<>();
                await().atMost(BOUND).pollInSameThread().until(() -> {
                    c.poll(Duration.ofMillis(100)).forEach(got::add);
                    return got.size() >= 3;
                });
                assertThat(got).extracting(ConsumerRecord::offset).containsExactly(2L, 3L, 4L);
                assertThat(got.get(0).leaderEpoch()).contains(0);

                // Epoch 0 ends at offset 5 here, so a position at 8 in epoch 0 cannot exist: the log it came from was truncated.
                c.seek(tp, new OffsetAndMetadata(8L, Optional.of(0), ""));
                await().atMost(BOUND).pollInSameThread().untilAsserted(() -> assertThatThrownBy(() -> c.poll(Duration.ofMillis(100)))
                        .isInstanceOfSatisfying(LogTruncationException.class, e -> assertThat(e.divergentOffsets())
                                .containsEntry(tp, new OffsetAndMetadata(5L, Optional.of(0), ""))));
            }
        }
    }

    /** No reset policy, so a detected truncation reaches the application instead of being reset silently. */
    private static KafkaConsumer<String, String> consumer(TestBroker b) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        return new KafkaConsumer<>(p);
    }
}

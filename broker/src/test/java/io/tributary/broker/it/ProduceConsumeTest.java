package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java client's defaults (idempotent, acks=all) simply work, and consumers read what was written. */
class ProduceConsumeTest {

    @TempDir
    Path dir;

    @Test
    void producerDefaultsAndAssignedConsumerRoundTrip() throws Exception {
        try (TestBroker b = new TestBroker(dir); Admin admin = b.admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1))).all().get();
            TopicDescription d = admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders");
            assertThat(d.partitions()).hasSize(3);
            assertThat(d.topicId()).isNotNull();
            List<RecordMetadata> acked = new ArrayList<>();
            try (KafkaProducer<String, String> p = b.producer()) {
                for (int i = 0; i < 30; i++) {
                    acked.add(p.send(new ProducerRecord<>("orders", i % 3, "k" + i, "v" + i)).get());
                }
            }
            assertThat(acked).extracting(RecordMetadata::offset).filteredOn(o -> o == 9L).hasSize(3);
            try (KafkaConsumer<String, String> c = b.consumer()) {
                List<TopicPartition> tps = List.of(new TopicPartition("orders", 0), new TopicPartition("orders", 1),
                        new TopicPartition("orders", 2));
                c.assign(tps);
                c.seekToBeginning(tps);
                List<ConsumerRecord<String, String>> got = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (got.size() < 30 && System.nanoTime() < deadline) {
                    c.poll(Duration.ofMillis(200)).forEach(got::add);
                }
                assertThat(got).hasSize(30);
                assertThat(got).filteredOn(r -> r.partition() == 1).extracting(ConsumerRecord::value)
                        .startsWith("v1", "v4", "v7");
                assertThat(c.endOffsets(tps)).containsValues(10L);
            }
        }
    }

    @Test
    void autoCreatedTopicOnFirstProduce() throws Exception {
        try (TestBroker b = new TestBroker(dir, Map.of("num.partitions", "2")); Admin admin = b.admin()) {
            try (KafkaProducer<String, String> p = b.producer()) {
                RecordMetadata m = p.send(new ProducerRecord<>("auto-topic", "x")).get();
                assertThat(m.offset()).isZero();
            }
            assertThat(admin.listTopics().names().get()).contains("auto-topic");
            assertThat(admin.describeTopics(Set.of("auto-topic")).allTopicNames().get().get("auto-topic").partitions()).hasSize(2);
        }
    }

    @Test
    void aTopicThatFsyncsEveryRecordStillAcceptsProduces() throws Exception {
        try (TestBroker b = new TestBroker(dir); Admin admin = b.admin()) {
            admin.createTopics(List.of(new NewTopic("durable", 1, (short) 1).configs(Map.of("flush.messages", "1")))).all().get();
            try (KafkaProducer<String, String> p = b.producer()) {
                for (int i = 0; i < 5; i++) {
                    assertThat(p.send(new ProducerRecord<>("durable", "v" + i)).get().offset()).isEqualTo(i);
                }
            }
            var log = b.broker.replicaManager().partition(new io.tributary.common.TopicPartition("durable", 0)).log();
            // Every append was fsynced on an io thread, so the recovery point is the log end.
            assertThat(log.recoveryPoint()).isEqualTo(5L);
        }
    }
}

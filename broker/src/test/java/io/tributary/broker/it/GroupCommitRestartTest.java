package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer group on one node with the official Java consumer: it subscribes, consumes, commits,
 * and the commits are fetched back after the broker restarts (the coordinator reloads them from
 * {@code __consumer_offsets}); the admin client lists and describes the group.
 */
class GroupCommitRestartTest {

    @TempDir
    Path dir;

    @Test
    void commitsAreFetchedBackAfterARestart() throws Exception {
        try (TestBroker b = new TestBroker(dir, Map.of("offsets.topic.num.partitions", "3"))) {
            try (Admin admin = b.admin()) {
                admin.createTopics(List.of(new NewTopic("t", 2, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> p = b.producer()) {
                for (int i = 0; i < 20; i++) {
                    p.send(new ProducerRecord<>("t", i % 2, "k" + i, "v" + i)).get();
                }
            }
            try (KafkaConsumer<String, String> c = consumer(b, "g")) {
                c.subscribe(List.of("t"));
                Set<String> seen = new HashSet<>();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                        seen.add(r.value());
                    }
                    return seen.size() == 20;
                });
                c.commitSync();
                assertThat(offsets(c.committed(Set.of(new TopicPartition("t", 0), new TopicPartition("t", 1)))))
                        .isEqualTo(Map.of(new TopicPartition("t", 0), 10L, new TopicPartition("t", 1), 10L));
                try (Admin admin = b.admin()) {
                    assertThat(admin.listConsumerGroups().all().get()).anySatisfy(l -> assertThat(l.groupId()).isEqualTo("g"));
                    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of("g")).all().get().get("g");
                    assertThat(d.groupState()).isEqualTo(GroupState.STABLE);
                    assertThat(d.members()).hasSize(1);
                    assertThat(d.members().iterator().next().host()).startsWith("/127.0.0.1");
                }
            }
            b.restart();
            try (KafkaConsumer<String, String> c = consumer(b, "g")) {
                Map<TopicPartition, OffsetAndMetadata> committed = c.committed(Set.of(new TopicPartition("t", 0),
                        new TopicPartition("t", 1)), Duration.ofSeconds(60));
                assertThat(offsets(committed)).isEqualTo(Map.of(new TopicPartition("t", 0), 10L, new TopicPartition("t", 1), 10L));
                assertThat(committed.get(new TopicPartition("t", 0)).leaderEpoch()).as("the epoch of the last record consumed")
                        .contains(0);
            }
            try (Admin admin = b.admin()) {
                assertThat(offsets(admin.listConsumerGroupOffsets("g").partitionsToOffsetAndMetadata().get()))
                        .isEqualTo(Map.of(new TopicPartition("t", 0), 10L, new TopicPartition("t", 1), 10L));
                admin.deleteConsumerGroups(List.of("g")).all().get();
                assertThat(admin.listConsumerGroupOffsets("g").partitionsToOffsetAndMetadata().get()).isEmpty();
            }
        }
    }

    @Test
    void deletingATopicDeletesEveryGroupsCommittedOffsetsOfIt() throws Exception {
        try (TestBroker b = new TestBroker(dir, Map.of("offsets.topic.num.partitions", "2"));
             Admin admin = b.admin()) {
            admin.createTopics(List.of(new NewTopic("gone", 1, (short) 1), new NewTopic("kept", 1, (short) 1))).all().get();
            TopicPartition gone = new TopicPartition("gone", 0);
            TopicPartition kept = new TopicPartition("kept", 0);
            for (String group : List.of("g1", "g2")) {
                admin.alterConsumerGroupOffsets(group, Map.of(gone, new OffsetAndMetadata(7), kept, new OffsetAndMetadata(9))).all().get();
            }
            admin.alterConsumerGroupOffsets("only-gone", Map.of(gone, new OffsetAndMetadata(3))).all().get();

            admin.deleteTopics(List.of("gone")).all().get();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (String group : List.of("g1", "g2")) {
                    assertThat(offsets(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()))
                            .as("group %s", group).isEqualTo(Map.of(kept, 9L));
                }
                assertThat(admin.listConsumerGroups().all().get()).as("an empty group left without offsets is deleted")
                        .noneSatisfy(l -> assertThat(l.groupId()).isEqualTo("only-gone"));
            });
            // A topic created again under the name starts without the old offsets.
            admin.createTopics(List.of(new NewTopic("gone", 1, (short) 1))).all().get();
            assertThat(admin.listConsumerGroupOffsets("g1").partitionsToOffsetAndMetadata().get()).doesNotContainKey(gone);
        }
    }

    static Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<TopicPartition, Long> out = new java.util.HashMap<>();
        committed.forEach((tp, o) -> out.put(tp, o == null ? null : o.offset()));
        return out;
    }

    static KafkaConsumer<String, String> consumer(TestBroker b, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p);
    }
}

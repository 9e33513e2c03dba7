package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.log.EpochEndOffset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KIP-320 across a real leader change: the Java consumer, whose position carries the old leader
 * epoch, validates it against the new leader (OffsetForLeaderEpoch) when the metadata shows the new
 * epoch, finds no truncation, and reads on. With {@code auto.offset.reset=none}, a validation that
 * went wrong would surface as an exception instead of a silent reset.
 */
class LeaderEpochFailoverTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theConsumerValidatesItsPositionWithTheNewLeaderAndReadsOn() throws Exception {
        cluster = new TestCluster(dir, 3, Map.of("min.insync.replicas", "2")).start();
        TopicPartition tp = new TopicPartition("f", 0);
        Admin admin = cluster.admin(1);
        admin.createTopics(List.of(new NewTopic("f", 1, (short) 3))).all().get();
        int oldLeader = admin.describeTopics(List.of("f")).allTopicNames().get().get("f").partitions().get(0).leader().id();
        int survivor = oldLeader == 1 ? 2 : 1;
        send(survivor, 0, 20);

        int firstEpoch;
        try (KafkaConsumer<String, String> c = consumer(survivor)) {
            c.assign(List.of(tp));
            c.seek(tp, 0);
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            await().atMost(BOUND).pollInSameThread().until(() -> {
                c.poll(Duration.ofMillis(100)).forEach(got::add);
                return got.size() >= 20;
            });
            firstEpoch = got.get(19).leaderEpoch().orElseThrow();

            cluster.stop(oldLeader);
            Admin other = cluster.admin(survivor);
            await().atMost(BOUND).until(() -> other.describeTopics(List.of("f")).allTopicNames().get().get("f").partitions().get(0)
                    .leader().id() != oldLeader);
            send(survivor, 20, 40);

            await().atMost(BOUND).pollInSameThread().until(() -> {
                c.poll(Duration.ofMillis(100)).forEach(got::add);
                return got.size() >= 40;
            });
            assertThat(got).extracting(ConsumerRecord::offset).as("every record once, in order").containsExactlyElementsOf(range(40));
            assertThat(got.get(39).leaderEpoch().orElseThrow()).as("written in the new leader's epoch").isGreaterThan(firstEpoch);
            assertThat(c.position(tp)).isEqualTo(40L);
        }
        int newLeader = cluster.node(survivor).metadata().image().topic("f").partition(0).leader();
        assertThat(cluster.node(newLeader).replicaManager().partition(new io.tributary.common.TopicPartition("f", 0))
                .endOffsetForEpoch(firstEpoch)).as("the old epoch ended where the new leader's began")
                .isEqualTo(new EpochEndOffset(firstEpoch, 20L));
    }

    private void send(int node, int from, int to) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(node));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>("f", 0, "k" + i, "v" + i)).get();
            }
        }
    }

    private KafkaConsumer<String, String> consumer(int node) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(node));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        return new KafkaConsumer<>(p);
    }

    private static List<Long> range(int n) {
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}

package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.partition.Partition;
import io.tributary.common.TopicPartition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication on three in-process nodes, through the official Java client: followers copy their
 * leader byte for byte, {@code acks=all} waits for the ISR, the ISR shrinks when a follower dies and
 * grows back when it returns, and too small an ISR refuses {@code acks=all}.
 */
class ReplicationTest {

    @TempDir
    Path dir;
    TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private TestCluster start(Map<String, String> overrides) throws Exception {
        cluster = new TestCluster(dir, 3, overrides).start();
        return cluster;
    }

    private KafkaProducer<String, String> producer(int node, String acks) {
        return producer(node, acks, Map.of());
    }

    private KafkaProducer<String, String> producer(int node, String acks, Map<String, String> extra) {
        Properties p = new Properties();
        p.putAll(extra);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(node));
        p.put(ProducerConfig.ACKS_CONFIG, acks);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.putAll(extra);
        return new KafkaProducer<>(p);
    }

    private List<String> readAll(int node, String topic, int partitions, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(node));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<org.apache.kafka.common.TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new org.apache.kafka.common.TopicPartition(topic, i));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
                return out.size() >= expected;
            });
        }
        return out;
    }

    private TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    private static Set<Integer> ids(List<Node> nodes) {
        Set<Integer> out = new TreeSet<>();
        nodes.forEach(n -> out.add(n.id()));
        return out;
    }

    /** Every replica of every partition of {@code topic}, on every live node, holds the same log as its leader. */
    private void awaitReplicasEqual(String topic, int partitions) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int i = 0; i < partitions; i++) {
                TopicPartition tp = new TopicPartition(topic, i);
                List<Partition> copies = new ArrayList<>();
                for (int id : List.copyOf(cluster.nodes.keySet())) {
                    Partition p = cluster.node(id).replicaManager().partition(tp);
                    if (p != null) {
                        copies.add(p);
                    }
                }
                Partition leader = copies.stream().filter(Partition::isLeader).findFirst().orElseThrow();
                for (Partition p : copies) {
                    assertThat(p.logEndOffset()).as("log end of %s", tp).isEqualTo(leader.logEndOffset());
                    assertThat(p.log().leaderEpochs().entries()).as("epochs of %s", tp).isEqualTo(leader.log().leaderEpochs().entries());
                }
                assertThat(leader.highWatermark()).isEqualTo(leader.logEndOffset());
            }
        });
    }

    @Test
    void acksAllRecordsReachEveryReplicaAndAreReadBack() throws Exception {
        start(Map.of("min.insync.replicas", "2", "replica.lag.time.max.ms", "2000"));
        Admin admin = cluster.admin(1);
        admin.createTopics(List.of(new NewTopic("c", 3, (short) 3))).all().get();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer(1, "all")) {
            for (int i = 0; i < 300; i++) {
                sent.add(producer.send(new ProducerRecord<>("c", "k" + i, "v" + i)));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
        awaitReplicasEqual("c", 3);
        List<String> read = readAll(2, "c", 3, 300);
        assertThat(new TreeSet<>(read)).hasSize(300);
        TopicDescription d = describe(admin, "c");
        d.partitions().forEach(p -> assertThat(ids(p.isr())).isEqualTo(Set.of(1, 2, 3)));
    }

    @Test
    void aKilledFollowerLeavesTheIsrAndAcksAllGoesOnThenItRejoins() throws Exception {
        start(Map.of("min.insync.replicas", "2", "replica.lag.time.max.ms", "2000"));
        Admin admin = cluster.admin(1);
        admin.createTopics(List.of(new NewTopic("c", 1, (short) 3))).all().get();
        int leader = describe(admin, "c").partitions().get(0).leader().id();
        int follower = leader == 3 ? 2 : 3;
        int other = 6 - leader - follower;
        try (KafkaProducer<String, String> producer = producer(leader, "all")) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("c", "before-" + i)).get();
            }
        }
        Admin survivor = cluster.admin(other);
        cluster.kill(follower);
        await().atMost(Duration.ofSeconds(20)).until(() -> !ids(describe(survivor, "c").partitions().get(0).isr()).contains(follower));
        try (KafkaProducer<String, String> producer = producer(leader, "all")) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("c", "during-" + i)).get();
            }
        }
        cluster.startNode(follower);
        cluster.node(follower).ready().get();
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(describe(survivor, "c").partitions().get(0).isr()).contains(follower));
        awaitReplicasEqual("c", 1);
        assertThat(readAll(other, "c", 1, 100)).hasSize(100);
    }

    @Test
    void acksAllIsRefusedWhenTheIsrIsBelowMinInsyncReplicas() throws Exception {
        start(Map.of("min.insync.replicas", "2"));
        Admin admin = cluster.admin(1);
        admin.createTopics(List.of(new NewTopic("b", 1, (short) 2))).all().get();
        TopicDescription d = describe(admin, "b");
        int leader = d.partitions().get(0).leader().id();
        int follower = d.partitions().get(0).replicas().stream().mapToInt(Node::id).filter(id -> id != leader).findFirst().orElseThrow();
        try (KafkaProducer<String, String> producer = producer(leader, "all")) {
            producer.send(new ProducerRecord<>("b", "ok")).get();
        }
        int other = 6 - leader - follower;
        Admin survivor = cluster.admin(other);
        cluster.kill(follower);
        await().atMost(Duration.ofSeconds(20)).until(() -> ids(describe(survivor, "b").partitions().get(0).isr()).equals(Set.of(leader)));
        // NOT_ENOUGH_REPLICAS is retriable: without retries the client reports it rather than timing out.
        try (KafkaProducer<String, String> producer = producer(leader, "all", Map.of(ProducerConfig.RETRIES_CONFIG, "0",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"))) {
            try {
                producer.send(new ProducerRecord<>("b", "refused")).get();
                throw new AssertionError("acks=all succeeded with an ISR below min.insync.replicas");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(NotEnoughReplicasException.class);
            }
        }
    }
}

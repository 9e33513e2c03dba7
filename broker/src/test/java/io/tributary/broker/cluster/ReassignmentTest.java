package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.Broker;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.PartitionReassignment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.NoReassignmentInProgressException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving replicas on three in-process nodes (KIP-455): a partition on brokers {1, 2} moves to
 * {2, 3} while an {@code acks=all} producer writes to it. Every acknowledged record is there after
 * the move, the partition has a leader in every image observed throughout, and broker 1 deletes its
 * copy. Then a cancelled move, and the refusals Kafka's clients expect ({@code kafka-reassign-partitions}
 * itself runs in the e2e module, which has all of kafka-tools).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReassignmentTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    // One cluster for the class (a start costs seconds on a loaded CI machine); the test that stops a node runs last.
    @TempDir
    static Path dir;
    static TestCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(dir, 3, Map.of("auto.leader.rebalance.enable", "false")).start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static PartitionRegistration partition(int node, String topic, int p) {
        Broker b = cluster.node(node);
        TopicImage t = b == null ? null : b.metadata().image().topic(topic);
        return t == null ? null : t.partition(p);
    }

    private static boolean everyImageShows(String topic, List<Integer> replicas) {
        for (int id = 1; id <= 3; id++) {
            PartitionRegistration part = partition(id, topic, 0);
            if (part == null || !part.replicas().equals(replicas) || part.isReassigning() || !Set.copyOf(part.isr()).equals(Set.copyOf(replicas))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasPartitionDir(int node, String topic) throws Exception {
        try (Stream<Path> dirs = Files.list(dir.resolve("node-" + node))) {
            return dirs.anyMatch(d -> d.getFileName().toString().equals(topic + "-0"));
        }
    }

    @Test
    @Order(1)
    void aMoveUnderAcksAllLosesNothingAndNeverGoesOffline() throws Exception {
        Admin admin = cluster.admin(2);
        admin.createTopics(List.of(new NewTopic("moving", Map.of(0, List.of(1, 2))))).all().get(20, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> partition(3, "moving", 0) != null && partition(3, "moving", 0).isr().size() == 2);

        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> offline = new ConcurrentLinkedQueue<>();
        Thread watcher = new Thread(() -> {
            while (!stop.get()) {
                for (int id = 1; id <= 3; id++) {
                    PartitionRegistration part = partition(id, "moving", 0);
                    if (part != null && !part.hasLeader()) {
                        offline.add("node " + id + " saw " + part);
                    }
                }
                Thread.onSpinWait();
            }
        }, "offline-watcher");
        watcher.start();

        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(2));
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        List<String> acked = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
            int n = 0;
            // Write before, during and after the move; the move starts once some records are in.
            long started = System.nanoTime();
            boolean moveStarted = false;
            while (true) {
                String v = "r" + n++;
                producer.send(new ProducerRecord<>("moving", 0, null, v), (md, e) -> {
                    if (e == null) {
                        synchronized (acked) {
                            acked.add(v);
                        }
                    } else {
                        failed.incrementAndGet();
                    }
                });
                if (n == 200 && !moveStarted) {
                    producer.flush();
                    admin.alterPartitionReassignments(Map.of(new TopicPartition("moving", 0),
                            Optional.of(new NewPartitionReassignment(List.of(2, 3))))).all().get(20, TimeUnit.SECONDS);
                    moveStarted = true;
                }
                if (moveStarted && everyImageShows("moving", List.of(2, 3)) && n > 600) {
                    break;
                }
                assertThat(System.nanoTime() - started).as("the move completes").isLessThan(TimeUnit.SECONDS.toNanos(60));
                if (n % 50 == 0) {
                    producer.flush();
                }
            }
            producer.flush();
        } finally {
            stop.set(true);
            watcher.join();
        }
        assertThat(failed.get()).as("sends that failed").isZero();
        assertThat(offline).as("images that showed the partition without a leader").isEmpty();
        assertThat(admin.listPartitionReassignments().reassignments().get(20, TimeUnit.SECONDS)).isEmpty();
        assertThat(partition(2, "moving", 0).leader()).as("the removed leader handed over to a target replica").isIn(2, 3);
        await().atMost(WAIT).until(() -> !hasPartitionDir(1, "moving"));

        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(3));
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition("moving", 0)));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    read.add(r.value());
                }
                return read.size() >= acked.size();
            });
        }
        assertThat(read).as("every acknowledged record, once, in order").containsExactlyElementsOf(acked);
    }

    @Test
    @Order(2)
    void cancelRevertsAndBadRequestsGetKafkasErrors() throws Exception {
        Admin admin = cluster.admin(1);
        admin.createTopics(List.of(new NewTopic("ops", Map.of(0, List.of(1, 2))))).all().get(20, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> partition(2, "ops", 0) != null && partition(2, "ops", 0).isr().size() == 2);
        TopicPartition tp = new TopicPartition("ops", 0);

        var noneToCancel = admin.alterPartitionReassignments(Map.of(tp, Optional.empty())).all();
        assertThat(catchThrowable(() -> noneToCancel.get(20, TimeUnit.SECONDS))).hasCauseInstanceOf(NoReassignmentInProgressException.class);
        var unknownBroker = admin.alterPartitionReassignments(Map.of(tp, Optional.of(new NewPartitionReassignment(List.of(1, 9))))).all();
        assertThat(catchThrowable(() -> unknownBroker.get(20, TimeUnit.SECONDS))).hasCauseInstanceOf(InvalidReplicaAssignmentException.class);
        var twice = admin.alterPartitionReassignments(Map.of(tp, Optional.of(new NewPartitionReassignment(List.of(1, 1))))).all();
        assertThat(catchThrowable(() -> twice.get(20, TimeUnit.SECONDS))).hasCauseInstanceOf(InvalidReplicaAssignmentException.class);

        // Two of three controllers keep the quorum; without broker 3 the move cannot complete, so it stays in progress.
        cluster.stop(3);
        List<Integer> target = List.of(1, 3);
        int witness = 1;
        admin.alterPartitionReassignments(Map.of(tp, Optional.of(new NewPartitionReassignment(target)))).all().get(20, TimeUnit.SECONDS);
        // Each broker answers from its own image, so wait until the one asked has applied the change.
        await().atMost(WAIT).until(() -> admin.listPartitionReassignments().reassignments().get(20, TimeUnit.SECONDS).containsKey(tp));
        Map<TopicPartition, PartitionReassignment> ongoing = admin.listPartitionReassignments().reassignments().get(20, TimeUnit.SECONDS);
        assertThat(ongoing.get(tp).addingReplicas()).containsExactly(3);
        assertThat(ongoing.get(tp).removingReplicas()).containsExactly(2);
        admin.alterPartitionReassignments(Map.of(tp, Optional.empty())).all().get(20, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> !partition(witness, "ops", 0).isReassigning());
        assertThat(partition(witness, "ops", 0).replicas()).containsExactlyInAnyOrder(1, 2);
        await().atMost(WAIT).until(() -> admin.listPartitionReassignments().reassignments().get(20, TimeUnit.SECONDS).isEmpty());
    }
}

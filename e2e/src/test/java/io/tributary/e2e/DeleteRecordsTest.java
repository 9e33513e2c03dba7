package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.KafkaCli;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.ReplicaLogs;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DeleteRecords on a cluster of three processes, on topics replicated three times: the Java Admin's
 * {@code deleteRecords} gets the low watermark back, and by then every replica has moved its log start
 * and deleted its segments wholly below it; consumers from the beginning start there, and one below
 * it is reset there; the new start survives leadership moving and brokers restarting. Kafka's own
 * {@code kafka-delete-records} works against us too.
 */
@ExtendWith(TributaryExtension.class)
class DeleteRecordsTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);
    /** {@code kafka-delete-records.sh}. */
    private static final String DELETE_RECORDS = "org.apache.kafka.tools.DeleteRecordsCommand";
    /** 64 KiB values, one batch each, so the 1 MiB segments (the smallest Kafka allows) hold 15 records. */
    private static final int VALUE_BYTES = 64 * 1024;
    private static TributaryCluster cluster;

    @BeforeAll
    static void startCluster(Nodes classNodes) {
        cluster = classNodes.cluster(3, Map.of()).start();
    }

    @Test
    void adminDeleteRecordsMovesTheLogStartOnEveryReplicaAndItSurvivesLeaderMovesAndRestarts() throws Exception {
        String topic = "delete-" + UUID.randomUUID();
        TopicPartition tp = new TopicPartition(topic, 0);
        filledTopic(topic, 1, 60, Map.of("segment.bytes", Integer.toString(1024 * 1024)));
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            awaitFullIsr(admin, topic);

            long startNs = System.nanoTime();
            long low = admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(40))).lowWatermarks().get(tp)
                    .get(BOUND.toMillis(), TimeUnit.MILLISECONDS).lowWatermark();
            // A figure for the docs, not a bound: the answer waits for both followers' next fetches.
            System.out.printf("DeleteRecords on RF 3 answered in %d ms%n", (System.nanoTime() - startNs) / 1_000_000);

            assertThat(low).isEqualTo(40);
            assertThat(earliest(admin, tp)).isEqualTo(40);
            // The answer waited for every in-sync replica: each has persisted the new start and let go of the segments below it.
            for (TributaryNode node : cluster.nodes()) {
                Path dir = ReplicaLogs.partitionDir(node, tp);
                assertThat(Files.readString(dir.resolve("log-start-offset"))).as("log-start-offset of node %s", node.nodeId())
                        .isEqualTo("0\n40\n");
                assertThat(segmentBases(dir)).as("segments of node %s", node.nodeId()).hasSizeGreaterThan(1)
                        .filteredOn(base -> base <= 40).hasSize(1);
            }
            assertThatThrownBy(() -> admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(61))).all().get())
                    .as("past the high watermark").isInstanceOf(ExecutionException.class).hasCauseInstanceOf(OffsetOutOfRangeException.class);
        }
        assertThat(firstOffsetFromTheBeginning(tp)).isEqualTo(40);
        assertThat(firstOffsetFrom(tp, 10)).as("a position below the log start is reset to it").isEqualTo(40);

        // Leadership moves twice, one broker stopped at a time (each is a controller voter too): each
        // new leader answers with the start it followed as a follower, and each restarted broker loads its own.
        for (int i = 0; i < 2; i++) {
            try (Admin admin = Clients.admin(cluster.bootstrap())) {
                int leader = leaderOf(admin, topic);
                TributaryNode victim = cluster.node(leader);
                victim.stop();
                try (Admin survivors = Clients.admin(cluster.runningBootstrap())) {
                    await("a new leader of " + tp).atMost(BOUND).ignoreExceptions().until(() -> {
                        int now = leaderOf(survivors, topic);
                        return now >= 0 && now != leader;
                    });
                    await("the earliest offset from the new leader").atMost(BOUND).ignoreExceptions()
                            .until(() -> earliest(survivors, tp) == 40);
                }
                victim.restart();
                awaitFullIsr(admin, topic);
            }
        }
        // A whole-cluster restart: whichever broker leads loaded the start from its own disk.
        cluster.stopAll();
        cluster.restartAll();
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            await("the earliest offset after the restart").atMost(BOUND).ignoreExceptions().until(() -> earliest(admin, tp) == 40);
        }
        assertThat(firstOffsetFromTheBeginning(tp)).as("after the restart").isEqualTo(40);
    }

    @Test
    void aCompactedTopicRefusesWithPolicyViolation() throws Exception {
        String topic = "compacted-" + UUID.randomUUID();
        TopicPartition tp = new TopicPartition(topic, 0);
        filledTopic(topic, 1, 3, Map.of("cleanup.policy", "compact"));
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            assertThatThrownBy(() -> admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(1))).all().get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(PolicyViolationException.class);
            assertThat(earliest(admin, tp)).isZero();
        }
    }

    @Test
    void kafkaDeleteRecordsToolDeletesToAnOffsetAndToTheHighWatermark() throws Exception {
        String topic = "tool-" + UUID.randomUUID();
        filledTopic(topic, 2, 20, Map.of());
        Path json = Files.createTempFile("delete-records", ".json");
        Files.writeString(json, "{\"version\":1,\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":7},"
                + "{\"topic\":\"" + topic + "\",\"partition\":1,\"offset\":-1}]}");

        CommandRunner.Result result = KafkaCli.run(DELETE_RECORDS, List.of("--bootstrap-server", cluster.bootstrap(),
                "--offset-json-file", json.toString()), TOOL_TIMEOUT);

        assertThat(result.stdout()).as("kafka-delete-records printed (stderr: %s)", result.stderr())
                .contains("partition: " + topic + "-0\tlow_watermark: 7")
                .contains("partition: " + topic + "-1\tlow_watermark: 20");
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            assertThat(earliest(admin, new TopicPartition(topic, 0))).isEqualTo(7);
            assertThat(earliest(admin, new TopicPartition(topic, 1))).isEqualTo(20);
        }
        Files.delete(json);
    }

    /** A topic replicated three times with {@code perPartition} records of {@value #VALUE_BYTES} bytes in each partition, acknowledged by all. */
    private static void filledTopic(String topic, int partitions, int perPartition, Map<String, String> configs) {
        Clients.createTopic(cluster.bootstrap(), topic, partitions, (short) 3, configs);
        cluster.awaitTopics(Map.of(topic, partitions));
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.bootstrap(), Map.of("acks", "all"))) {
            for (int p = 0; p < partitions; p++) {
                for (int i = 0; i < perPartition; i++) {
                    byte[] value = new byte[VALUE_BYTES];
                    byte[] label = (p + "-" + i).getBytes(StandardCharsets.UTF_8);
                    System.arraycopy(label, 0, value, 0, label.length);
                    producer.send(new ProducerRecord<>(topic, p, ("k" + i).getBytes(StandardCharsets.UTF_8), value));
                }
            }
            producer.flush();
        }
    }

    private static void awaitFullIsr(Admin admin, String topic) {
        await("every replica of " + topic + " in sync").atMost(BOUND).until(() -> describe(admin, topic).partitions().stream()
                .allMatch(p -> p.isr().size() == 3));
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(BOUND.toMillis(), TimeUnit.MILLISECONDS).get(topic);
    }

    private static int leaderOf(Admin admin, String topic) throws Exception {
        TopicPartitionInfo p = describe(admin, topic).partitions().get(0);
        return p.leader() == null ? -1 : p.leader().id();
    }

    private static long earliest(Admin admin, TopicPartition tp) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp).get(BOUND.toMillis(), TimeUnit.MILLISECONDS).offset();
    }

    private static long firstOffsetFromTheBeginning(TopicPartition tp) {
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(cluster.bootstrap())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            return firstPolled(consumer, tp);
        }
    }

    /** A consumer placed at {@code offset}; with {@code auto.offset.reset=earliest}, an offset out of range moves it to the log start. */
    private static long firstOffsetFrom(TopicPartition tp, long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(cluster.bootstrap())) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            return firstPolled(consumer, tp);
        }
    }

    private static long firstPolled(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp) {
        List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
        // poll() blocks until records arrive or its timeout passes: this is the wait for the data.
        await("a record of " + tp).atMost(BOUND).until(() -> {
            consumer.poll(Duration.ofMillis(200)).records(tp).forEach(got::add);
            return !got.isEmpty();
        });
        return got.get(0).offset();
    }

    private static List<Long> segmentBases(Path partitionDir) throws Exception {
        try (Stream<Path> files = Files.list(partitionDir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".log") && n.length() == 24)
                    .map(n -> Long.parseLong(n.substring(0, 20))).sorted().toList();
        }
    }
}

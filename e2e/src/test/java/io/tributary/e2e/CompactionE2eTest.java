package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.ExternalTools;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.ReplicaLogs;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A compacted topic on three broker processes, replication factor 3: several values per key (and a
 * tombstone) written with acks=all; every replica's cleaner, each on its own log and below its own
 * high watermark, must leave in its segment files exactly the latest record of each key at the
 * offset the producer was told, so replicas agree on what survives though their segments may differ;
 * then kcat (librdkafka) and the Java consumer read the partition across the gaps from its start.
 */
@ExtendWith(TributaryExtension.class)
class CompactionE2eTest {
    private static final String TOPIC = "table";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final Duration CLEAN_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void everyReplicaKeepsTheLatestValuePerKeyAndKcatAndJavaReadItAcrossTheGaps(Nodes nodes) {
        Path kcat = ExternalTools.require("kcat", "install it with 'apt-get install -y kcat' (.ci/run does)");
        TributaryCluster cluster = nodes.cluster(3, Map.of("min.insync.replicas", "2", "log.cleaner.backoff.ms", "200")).start();
        Clients.createTopic(cluster.bootstrap(), TOPIC, 1, (short) 3, Map.of("cleanup.policy", "compact",
                "segment.ms", "200", "min.cleanable.dirty.ratio", "0.01"));

        Map<String, String> latest = new LinkedHashMap<>();
        Map<String, Long> latestOffset = new LinkedHashMap<>();
        // Not idempotent: producer state across cleaning is the log tests' subject; here a controller election at
        // start (a loaded machine) must not fail InitProducerId, which today answers it with UNKNOWN_SERVER_ERROR.
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.bootstrap(),
                Map.<String, Object>of("acks", "all", "enable.idempotence", "false"))) {
            for (int i = 0; i < 200; i++) {
                String key = "k" + (i % 10);
                String value = key.equals("k9") && i >= 190 ? null : "v" + i;
                latestOffset.put(key, send(producer, key, value));
                latest.put(key, value);
            }
            // The latest values must leave the active segment, which the cleaner never touches: later writes
            // of another key roll it (segment.ms) while the test waits for every replica to clean.
            await("every replica keeps only the latest record of each key").atMost(CLEAN_TIMEOUT).pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        send(producer, "filler", "f");
                        for (TributaryNode node : cluster.nodes()) {
                            if (!latestOnly(replicaRecords(node), latest, latestOffset)) {
                                return false;
                            }
                        }
                        return true;
                    });
        }
        for (TributaryNode node : cluster.nodes()) {
            Map<Long, String[]> records = replicaRecords(node);
            assertThat(latestOnly(records, latest, latestOffset)).as("node %d", node.nodeId()).isTrue();
        }

        List<ConsumerRecord<byte[], byte[]>> read = Clients.readToEnd(cluster.bootstrap(), TP, 0, READ_TIMEOUT);
        Map<String, String> javaSees = new LinkedHashMap<>();
        long previous = -1;
        for (ConsumerRecord<byte[], byte[]> r : read) {
            assertThat(r.offset()).isGreaterThan(previous);
            previous = r.offset();
            javaSees.put(text(r.key()), text(r.value()));
        }
        assertThat(javaSees).containsAllEntriesOf(latest);
        assertThat(read.stream().filter(r -> latest.containsKey(text(r.key()))).map(ConsumerRecord::offset).toList())
                .as("one record per key, at the offset the producer was told").containsExactlyInAnyOrderElementsOf(latestOffset.values());

        List<String> lines = CommandRunner.run(List.of(kcat.toString(), "-C", "-b", cluster.bootstrap(), "-t", TOPIC, "-p", "0",
                "-o", "beginning", "-e", "-f", "%o\\t%k\\t%S\\t%s\\n"), Path.of(System.getProperty("java.io.tmpdir")),
                new byte[0], READ_TIMEOUT).requireSuccess().stdoutLines();
        assertThat(lines).as("kcat reads as many records as the Java consumer").hasSize(read.size());
        for (int i = 0; i < read.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            assertThat(Long.parseLong(f[0])).as("kcat line %d", i).isEqualTo(read.get(i).offset());
            assertThat(f[1]).isEqualTo(text(read.get(i).key()));
            // %S is the value's size, -1 for a tombstone.
            assertThat(f[2]).isEqualTo(read.get(i).value() == null ? "-1" : Integer.toString(read.get(i).value().length));
        }
    }

    private static long send(KafkaProducer<byte[], byte[]> producer, String key, String value) {
        try {
            return producer.send(new ProducerRecord<>(TOPIC, 0, bytes(key), bytes(value))).get().offset();
        } catch (Exception e) {
            throw new AssertionError("producing " + key + " failed", e);
        }
    }

    /** Whether the replica holds, for the test's keys, exactly the latest record of each, at its offset. */
    static boolean latestOnly(Map<Long, String[]> records, Map<String, String> latest, Map<String, Long> latestOffset) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Map.Entry<Long, String[]> e : records.entrySet()) {
            String key = e.getValue()[0];
            if (!latest.containsKey(key)) {
                continue;
            }
            if (e.getKey() != (long) latestOffset.get(key) || !java.util.Objects.equals(e.getValue()[1], latest.get(key))) {
                return false;
            }
            seen.merge(key, 1, Integer::sum);
        }
        return seen.size() == latest.size();
    }

    /** Offset to (key, value) of every record in the node's segment files, read with Kafka's own record classes. */
    private static Map<Long, String[]> replicaRecords(TributaryNode node) {
        byte[] log;
        try {
            log = ReplicaLogs.read(ReplicaLogs.partitionDir(node, TP));
        } catch (UncheckedIOException swappedMeanwhile) {
            // A segment renamed by the cleaner between listing and reading: read again next time.
            return Map.of();
        }
        ReplicaLogs.Prefix whole = ReplicaLogs.below(log, Long.MAX_VALUE);
        Map<Long, String[]> out = new LinkedHashMap<>();
        for (RecordBatch batch : MemoryRecords.readableRecords(ByteBuffer.wrap(whole.bytes())).batches()) {
            for (Record r : batch) {
                out.put(r.offset(), new String[] {text(r.key()), text(r.value())});
            }
        }
        return out;
    }

    static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static String text(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return new String(out, StandardCharsets.UTF_8);
    }
}

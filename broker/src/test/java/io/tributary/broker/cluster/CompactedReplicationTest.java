package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.partition.Partition;
import io.tributary.common.TopicPartition;
import io.tributary.common.records.BatchBuilder;
import io.tributary.common.records.BatchHeader;
import io.tributary.log.LogReadResult;
import io.tributary.log.PartitionLog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower that was down while its leader compacted catches up from the leader's gappy, thinned
 * batches (idempotent producer batches included) and holds the same latest record per key at the
 * same offsets.
 */
class CompactedReplicationTest {

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
    void aFollowerCatchesUpFromItsLeadersCompactedLog() throws Exception {
        cluster = new TestCluster(dir, 3, Map.of("min.insync.replicas", "2", "replica.lag.time.max.ms", "2000",
                "log.cleaner.backoff.ms", "50")).start();
        Admin admin = cluster.admin(1);
        admin.createTopics(List.of(new NewTopic("t", 1, (short) 3).configs(Map.of("cleanup.policy", "compact",
                "segment.ms", "1", "min.cleanable.dirty.ratio", "0.01")))).all().get();
        TopicPartition tp = new TopicPartition("t", 0);
        int leader = admin.describeTopics(List.of("t")).allTopicNames().get().get("t").partitions().get(0).leader().id();
        int follower = leader == 3 ? 2 : 3;
        cluster.kill(follower);

        Map<String, Long> latestOffset = new LinkedHashMap<>();
        Map<String, String> latest = new LinkedHashMap<>();
        try (KafkaProducer<String, String> producer = producer(leader)) {
            for (int i = 0; i < 60; i++) {
                String key = "k" + (i % 5);
                latestOffset.put(key, producer.send(new ProducerRecord<>("t", key, "v" + i)).get().offset());
                latest.put(key, "v" + i);
            }
            // Later writes roll the segments holding the latest values out of the active one, until the leader cleaned.
            PartitionLog leaderLog = cluster.node(leader).replicaManager().partition(tp).log();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                producer.send(new ProducerRecord<>("t", "filler", "f")).get();
                return keyed(leaderLog, latest.keySet()).size() == latest.size();
            });
        }
        cluster.startNode(follower);
        cluster.node(follower).ready().get();
        Partition leaderPartition = cluster.node(leader).replicaManager().partition(tp);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Partition p = cluster.node(follower).replicaManager().partition(tp);
            return p != null && p.logEndOffset() == leaderPartition.logEndOffset();
        });
        PartitionLog followerLog = cluster.node(follower).replicaManager().partition(tp).log();
        Map<Long, String> onFollower = keyed(followerLog, latest.keySet());
        assertThat(onFollower).as("the follower copied the leader's compacted records, at their offsets")
                .isEqualTo(keyed(leaderPartition.log(), latest.keySet()));
        for (Map.Entry<String, Long> e : latestOffset.entrySet()) {
            assertThat(onFollower).containsEntry(e.getValue(), e.getKey() + "=" + latest.get(e.getKey()));
        }
        assertThat(hasGapOrThinnedBatch(followerLog)).as("the follower holds compacted batches").isTrue();
    }

    private KafkaProducer<String, String> producer(int node) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(node));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p);
    }

    /** Offset to "key=value" of the records of {@code keys} in the log. */
    private static Map<Long, String> keyed(PartitionLog log, java.util.Set<String> keys) {
        Map<Long, String> out = new LinkedHashMap<>();
        long next = log.logStartOffset();
        long end = log.logEndOffset();
        while (next < end) {
            LogReadResult r = log.read(next, Integer.MAX_VALUE, end, true);
            if (r.isEmpty()) {
                break;
            }
            for (BatchBuilder.Record rec : BatchBuilder.readAll(r.copyToHeap())) {
                String key = new String(rec.keyBytes(), StandardCharsets.UTF_8);
                if (keys.contains(key)) {
                    out.put(rec.offset(), key + "=" + new String(rec.valueBytes(), StandardCharsets.UTF_8));
                }
            }
            next = r.nextOffset();
        }
        return out;
    }

    private static boolean hasGapOrThinnedBatch(PartitionLog log) {
        long[] expected = {log.logStartOffset()};
        boolean[] found = {false};
        log.scanBatches(0, (ByteBuffer h) -> {
            if (BatchHeader.baseOffset(h, 0) != expected[0] || BatchHeader.recordCount(h, 0) != BatchHeader.lastOffsetDelta(h, 0) + 1) {
                found[0] = true;
            }
            expected[0] = BatchHeader.lastOffset(h, 0) + 1;
            return true;
        });
        return found[0];
    }
}

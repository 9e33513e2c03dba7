package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.Broker;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower that gains a partition on a leader it already fetches from starts fetching it at once,
 * not after the fetch waiting at that leader for its other (quiet) partitions ends. With a long
 * {@code replica.fetch.wait.max.ms} the difference is unmistakable: a new leader's first acks=all
 * write needs that follower, and would wait out the whole long poll.
 */
class FollowerOfNewLeaderTest {

    private static final String TOPIC = "quiet";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static PartitionRegistration partition(Broker b, int p) {
        TopicImage t = b.metadata().image().topic(TOPIC);
        return t == null ? null : t.partition(p);
    }

    @Test
    void aNewLeadersFirstAcksAllWriteDoesNotWaitOutTheFollowersLongPoll() throws Exception {
        cluster = new TestCluster(dir, 3, Map.of("replica.fetch.wait.max.ms", "30000", "replica.socket.timeout.ms", "30000",
                "auto.leader.rebalance.enable", "false", "min.insync.replicas", "2")).start();
        cluster.awaitReady();
        cluster.admin(1).createTopics(List.of(new NewTopic(TOPIC, 3, (short) 3))).all().get(20, TimeUnit.SECONDS);
        int active = cluster.activeController();
        await().atMost(WAIT).until(() -> {
            for (int p = 0; p < 3; p++) {
                PartitionRegistration part = partition(cluster.node(active), p);
                if (part == null || part.isr().size() != 3) {
                    return false;
                }
            }
            return true;
        });
        // The partition led by a node that is not the active controller: stopping it moves the
        // leadership to another replica, whose followers already fetch their (quiet) partitions there.
        int p = -1;
        for (int i = 0; i < 3 && p < 0; i++) {
            if (partition(cluster.node(active), i).leader() != active) {
                p = i;
            }
        }
        int partitionIndex = p;
        int stopped = partition(cluster.node(active), partitionIndex).leader();
        // Nothing is written anywhere, so every follower's fetch is in its long poll at the leader.
        cluster.stop(stopped);
        await().atMost(WAIT).until(() -> {
            PartitionRegistration part = partition(cluster.node(active), partitionIndex);
            return part.leader() >= 0 && part.leader() != stopped && part.isr().size() == 2;
        });

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(active));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "60000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            // Bounded well below the 30 s long poll: without the fix the follower joins only after it.
            RecordMetadata md = producer.send(new ProducerRecord<>(TOPIC, partitionIndex, null, "x".getBytes()))
                    .get(15, TimeUnit.SECONDS);
            assertThat(md.partition()).isEqualTo(partitionIndex);
        }
    }
}

package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.it.RawKafkaClient;
import io.tributary.broker.partition.Partition;
import io.tributary.common.TopicPartition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.ProduceResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Idempotence across a leader change, on three in-process nodes over real sockets: a producer whose
 * batches the old leader wrote and a follower copied retries them at the new leader (the ack was
 * lost with the old leader), and each retry must be answered as a duplicate with the offsets of the
 * first append, never written twice and never refused with {@code OUT_OF_ORDER_SEQUENCE_NUMBER} or
 * {@code UNKNOWN_PRODUCER_ID}. The new leader knows the producer only from replaying what it fetched.
 *
 * <p>The partition lives on nodes 1 (preferred leader) and 2; node 3 only makes the controller
 * quorum survive the loss of node 1. {@code min.insync.replicas=1}, so the survivor takes
 * {@code acks=all} writes alone.
 */
class IdempotentFailoverTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String TOPIC = "idem";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final long PRODUCER_ID = 7_000L;
    private static final short ACKS_ALL = -1;
    private static final int OLD_LEADER = 1;
    private static final int NEW_LEADER = 2;

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
    void retriesOfTheLastFiveBatchesReachingTheNewLeaderGetTheirOriginalOffsets() throws Exception {
        start(Map.of());
        long timestampMs = System.currentTimeMillis();
        long[] baseOffsets = new long[7];
        try (RawKafkaClient c = new RawKafkaClient(cluster.bootstrap(OLD_LEADER))) {
            // A batch from no producer first, so that offsets and sequence numbers differ.
            assertThat(ok(c.call(RawKafkaClient.produce(TOPIC, 0, ACKS_ALL, RawKafkaClient.plain(timestampMs, "other"))))).isZero();
            for (int i = 0; i < baseOffsets.length; i++) {
                baseOffsets[i] = ok(c.call(RawKafkaClient.produce(TOPIC, 0, ACKS_ALL, batch(timestampMs, i))));
            }
        }
        long logEnd = 1 + 2L * baseOffsets.length;
        assertThat(partition(NEW_LEADER).logEndOffset()).as("acks=all: the follower holds every batch").isEqualTo(logEnd);

        cluster.kill(OLD_LEADER);
        awaitLeads(NEW_LEADER);
        try (RawKafkaClient c = new RawKafkaClient(cluster.bootstrap(NEW_LEADER))) {
            // Kafka's producer keeps at most five batches in flight, so any of the last five may come back.
            for (int i = baseOffsets.length - 5; i < baseOffsets.length; i++) {
                ProduceResponseData.PartitionProduceResponse r = only(c.call(RawKafkaClient.produce(TOPIC, 0, ACKS_ALL, batch(timestampMs, i))));
                assertThat(Errors.forCode(r.errorCode())).as("retry of batch %d", i).isEqualTo(Errors.NONE);
                assertThat(r.baseOffset()).as("retry of batch %d", i).isEqualTo(baseOffsets[i]);
            }
            assertThat(ok(c.call(RawKafkaClient.produce(TOPIC, 0, ACKS_ALL, batch(timestampMs, baseOffsets.length)))))
                    .as("the next batch continues the log").isEqualTo(logEnd);
        }
        assertThat(partition(NEW_LEADER).logEndOffset()).as("no retry was written again").isEqualTo(logEnd + 2);
    }

    @Test
    void underLogAppendTimeARetryAtTheNewLeaderGetsTheOriginalAppendTime() throws Exception {
        start(Map.of("message.timestamp.type", "LogAppendTime"));
        ProduceResponseData.PartitionProduceResponse first;
        try (RawKafkaClient c = new RawKafkaClient(cluster.bootstrap(OLD_LEADER))) {
            first = only(c.call(RawKafkaClient.produce(TOPIC, 0, ACKS_ALL, batch(0L, 0))));
        }
        assertThat(Errors.forCode(first.errorCode())).isEqualTo(Errors.NONE);
        assertThat(first.logAppendTimeMs()).as("stamped by the broker").isPositive();

        cluster.kill(OLD_LEADER);
        awaitLeads(NEW_LEADER);
        try (RawKafkaClient c = new RawKafkaClient(cluster.bootstrap(NEW_LEADER))) {
            ProduceResponseData.PartitionProduceResponse retry = only(c.call(RawKafkaClient.produce(TOPIC, 0, ACKS_ALL, batch(0L, 0))));
            assertThat(Errors.forCode(retry.errorCode())).isEqualTo(Errors.NONE);
            assertThat(retry.baseOffset()).isEqualTo(first.baseOffset());
            assertThat(retry.logAppendTimeMs()).as("the records' timestamp, as the first answer gave it").isEqualTo(first.logAppendTimeMs());
        }
    }

    /**
     * Retention deletes every segment holding the producer's batches on both replicas; the follower
     * then restarts ({@code crash}: killed, so it rebuilds from snapshots and the log; else stopped
     * cleanly) and becomes leader. The producer must still be known, as Kafka keeps it until
     * {@code producer.id.expiration.ms} (KIP-360): its retry is a duplicate at the original offset, and a
     * sequence gap is refused rather than taken as the first batch of an unknown producer.
     */
    @ParameterizedTest(name = "crash={0}")
    @ValueSource(booleans = {true, false})
    void aProducerWhoseBatchesRetentionDeletedIsStillKnownAfterARestartAndAFailover(boolean crash) throws Exception {
        start(Map.of("segment.ms", "1000", "retention.ms", "3600000"));
        // Old enough for retention.ms, and ten seconds apart so that each batch of the producer starts a segment.
        long t0 = System.currentTimeMillis() - 2 * 3_600_000L;
        try (RawKafkaClient c = new RawKafkaClient(cluster.bootstrap(OLD_LEADER))) {
            for (int seq = 0; seq < 3; seq++) {
                assertThat(ok(c.call(RawKafkaClient.produce(TOPIC, 0, ACKS_ALL, single(t0 + seq * 10_000L, seq))))).isEqualTo(seq);
            }
            // Another writer's batch lands in the last segment without rolling it, so no roll snapshot follows it.
            assertThat(ok(c.call(RawKafkaClient.produce(TOPIC, 0, ACKS_ALL, RawKafkaClient.plain(t0 + 20_000L, "filler")))))
                    .isEqualTo(3);
        }
        for (int node : List.of(OLD_LEADER, NEW_LEADER)) {
            Partition p = partition(node);
            await().atMost(BOUND).until(() -> {
                p.applyRetention(System.currentTimeMillis());
                return p.logStartOffset() == 4;
            });
        }
        try (RawKafkaClient c = new RawKafkaClient(cluster.bootstrap(OLD_LEADER))) {
            ProduceResponseData.PartitionProduceResponse gap = only(c.call(RawKafkaClient.produce(TOPIC, 0, ACKS_ALL, single(t0, 9))));
            assertThat(Errors.forCode(gap.errorCode())).as("the leader still knows the producer after retention")
                    .isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
        }

        if (crash) {
            cluster.kill(NEW_LEADER);
        } else {
            cluster.stop(NEW_LEADER);
        }
        cluster.startNode(NEW_LEADER);
        cluster.node(NEW_LEADER).ready().get(TestCluster.READY_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        await().atMost(BOUND).until(() -> partition(OLD_LEADER).isr().contains(NEW_LEADER));

        cluster.kill(OLD_LEADER);
        awaitLeads(NEW_LEADER);
        try (RawKafkaClient c = new RawKafkaClient(cluster.bootstrap(NEW_LEADER))) {
            ProduceResponseData.PartitionProduceResponse retry = only(c.call(RawKafkaClient.produce(TOPIC, 0, ACKS_ALL, single(t0 + 20_000L, 2))));
            assertThat(Errors.forCode(retry.errorCode())).isEqualTo(Errors.NONE);
            assertThat(retry.baseOffset()).as("the retry is a duplicate at its original offset").isEqualTo(2L);
            ProduceResponseData.PartitionProduceResponse gap = only(c.call(RawKafkaClient.produce(TOPIC, 0, ACKS_ALL, single(t0, 9))));
            assertThat(Errors.forCode(gap.errorCode())).as("a gap is refused: the producer is known")
                    .isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
            assertThat(ok(c.call(RawKafkaClient.produce(TOPIC, 0, ACKS_ALL, single(System.currentTimeMillis(), 3)))))
                    .as("the next sequence continues the log").isEqualTo(4L);
        }
    }

    private void start(Map<String, String> topicConfigs) throws Exception {
        cluster = new TestCluster(dir, 3, Map.of("min.insync.replicas", "1")).start();
        cluster.admin(3).createTopics(List.of(new NewTopic(TOPIC, Map.of(0, List.of(OLD_LEADER, NEW_LEADER))).configs(topicConfigs)))
                .all().get();
        awaitLeads(OLD_LEADER);
        await().atMost(BOUND).until(() -> partition(NEW_LEADER) != null);
    }

    private Partition partition(int node) {
        return cluster.node(node).replicaManager().partition(TP);
    }

    private void awaitLeads(int node) {
        await().atMost(BOUND).until(() -> partition(node) != null && partition(node).isLeader());
    }

    /** Batch {@code i} of the producer: two records, sequences {@code 2i} and {@code 2i+1}. */
    private static MemoryRecords batch(long timestampMs, int i) {
        return RawKafkaClient.idempotentAt(timestampMs, PRODUCER_ID, (short) 0, 2 * i, "v" + (2 * i), "v" + (2 * i + 1));
    }

    /** A one-record batch of the producer at sequence {@code seq}. */
    private static MemoryRecords single(long timestampMs, int seq) {
        return RawKafkaClient.idempotentAt(timestampMs, PRODUCER_ID, (short) 0, seq, "v" + seq);
    }

    private static ProduceResponseData.PartitionProduceResponse only(ProduceResponse r) {
        return r.data().responses().iterator().next().partitionResponses().get(0);
    }

    /** The base offset of a produce that must succeed. */
    private static long ok(ProduceResponse r) {
        ProduceResponseData.PartitionProduceResponse p = only(r);
        assertThat(Errors.forCode(p.errorCode())).as("produce error (%s)", p.errorMessage()).isEqualTo(Errors.NONE);
        return p.baseOffset();
    }
}

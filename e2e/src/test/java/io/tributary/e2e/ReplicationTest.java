package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.ReplicaLogs;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Partition data replication seen from outside: three broker processes, {@code min.insync.replicas=2},
 * topics A and B with two replicas and C with three ({@link ReplicatedLayout}). In order, on one cluster:
 * acks=all records are acknowledged and read back; SIGKILL of a follower shrinks the ISR of every
 * partition it hosts while acks=all goes on where two replicas are left; where only one is left (two
 * replicas, one dead) acks=all is refused with NOT_ENOUGH_REPLICAS; the follower restarted on its
 * directory catches up and rejoins every ISR; last, the cluster is stopped cleanly and every ISR
 * member's segment files are compared byte for byte with the leader's below the high watermark
 * (invariant 4), the rejoined follower's included, and each leader's replication-offset-checkpoint
 * must hold that high watermark (no member's may be past it).
 *
 * <p>The tests share the cluster and run in order; each says what state it expects.
 */
@ExtendWith(TributaryExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationTest {
    private static final List<String> TOPICS = List.of("A", "B", "C");
    private static final int RECORDS = 40;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static TributaryCluster cluster;
    private static ReplicatedLayout layout;
    /** Every record acknowledged so far, per partition, in offset order: what a read from offset 0 must return. */
    private static final Map<TopicPartition, List<SampleRecord>> acknowledged = new LinkedHashMap<>();

    @BeforeAll
    static void startCluster(Nodes classNodes) {
        cluster = classNodes.cluster(3, ReplicatedLayout.CLUSTER_PROPERTIES).start();
        layout = ReplicatedLayout.around(cluster);
        layout.create(cluster, TOPICS);
    }

    @Test
    @Order(1)
    void acksAllRecordsToEveryPartitionAreAcknowledgedInOrderAndReadBackThroughAnotherBroker() {
        produceAndReadBack(layout.partitions(TOPICS), "all-in-sync");
    }

    @Test
    @Order(2)
    void aKilledFollowerLeavesTheIsrOfEveryPartitionItHostsAndAcksAllGoesOnWhereTwoReplicasAreLeft() {
        TributaryNode follower = cluster.node(layout.follower());
        follower.kill();

        ReplicatedLayout.awaitIsr(cluster, TOPICS, "node " + layout.follower() + " out of every ISR, every leader unchanged",
                partitions -> partitions.entrySet().stream().allMatch(e -> {
                    List<Integer> replicas = layout.assignment(e.getKey().topic()).get(e.getKey().partition());
                    List<Integer> isr = ReplicatedLayout.ids(e.getValue().isr());
                    List<Integer> expected = replicas.stream().filter(id -> id != layout.follower()).toList();
                    return isr.size() == expected.size() && isr.containsAll(expected)
                            && ReplicatedLayout.leaderOf(e.getValue()) == replicas.get(0);
                }));

        List<TopicPartition> stillWritable = layout.partitions(TOPICS).stream()
                .filter(tp -> tp.topic().equals("C") || !layout.hostsFollower(tp)).toList();
        assertThat(stillWritable).as("partitions with two live replicas").hasSize(6);
        produceAndReadBack(stillWritable, "follower-down");
    }

    @Test
    @Order(3)
    void withTwoReplicasAndOneOfThemDeadAcksAllIsRefusedWithNotEnoughReplicas() {
        assertThat(cluster.node(layout.follower()).isAlive()).as("the follower killed by the previous test is down").isFalse();
        List<TopicPartition> belowMinIsr = layout.partitions(List.of("A", "B")).stream().filter(layout::hostsFollower).toList();
        assertThat(belowMinIsr).as("two-replica partitions hosted by the follower").hasSize(3);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.runningBootstrap(), Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.RETRIES_CONFIG, 0,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000))) {
            for (TopicPartition partition : belowMinIsr) {
                SampleRecord record = SampleRecord.generate("refused-" + partition, 1, System.currentTimeMillis()).get(0);
                ExecutionException refused = catchThrowableOfType(ExecutionException.class,
                        () -> producer.send(record.toProducerRecord(partition.topic(), partition.partition())).get(30, TimeUnit.SECONDS));
                assertThat(refused).as("acks=all to %s, whose ISR is the leader alone", partition).isNotNull();
                assertThat(refused.getCause()).as("why acks=all to %s failed", partition).isInstanceOf(NotEnoughReplicasException.class);
            }
        }
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(cluster.runningBootstrap())) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(belowMinIsr, READ_TIMEOUT);
            belowMinIsr.forEach(tp -> assertThat(ends.get(tp)).as("high watermark of %s after the refusals", tp)
                    .isEqualTo(acknowledged.get(tp).size()));
        }
    }

    @Test
    @Order(4)
    void theRestartedFollowerCatchesUpAndRejoinsEveryIsrAndAcksAllWorksEverywhereAgain() {
        cluster.node(layout.follower()).restart();

        ReplicatedLayout.awaitIsr(cluster, TOPICS, "node " + layout.follower() + " back in every ISR", layout::fullyInSync);
        produceAndReadBack(layout.partitions(TOPICS), "rejoined");
    }

    @Test
    @Order(5)
    void belowTheHighWatermarkEveryIsrMemberHoldsTheLeadersBytesAfterACleanStop() {
        Map<TopicPartition, TopicPartitionInfo> described = ReplicatedLayout.describe(cluster.runningBootstrap(), TOPICS);
        Map<TopicPartition, Long> highWatermarks;
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(cluster.runningBootstrap())) {
            highWatermarks = consumer.endOffsets(layout.partitions(TOPICS), READ_TIMEOUT);
        }
        for (TopicPartition partition : layout.partitions(TOPICS)) {
            SampleRecord.assertReadBack(Clients.readToEnd(cluster.runningBootstrap(), partition, 0, READ_TIMEOUT),
                    acknowledged.get(partition), 0);
        }

        cluster.stopAll();

        List<String> compared = new ArrayList<>();
        for (Map.Entry<TopicPartition, TopicPartitionInfo> entry : described.entrySet()) {
            TopicPartition partition = entry.getKey();
            long highWatermark = highWatermarks.get(partition);
            assertThat(highWatermark).as("high watermark of %s: every record acknowledged to it", partition)
                    .isEqualTo(acknowledged.get(partition).size());
            int leader = ReplicatedLayout.leaderOf(entry.getValue());
            ReplicaLogs.Prefix leaderPrefix = prefix(leader, partition, highWatermark);
            assertThat(leaderPrefix.endOffset()).as("offsets below the high watermark %s of %s in leader %s's files",
                    highWatermark, partition, leader).isEqualTo(highWatermark);
            assertThat(ReplicaLogs.checkpointedHighWatermarks(cluster.node(leader).dataDir()).get(partition))
                    .as("high watermark of %s in leader %s's replication-offset-checkpoint after a clean stop", partition, leader)
                    .isEqualTo(highWatermark);
            for (int member : ReplicatedLayout.ids(entry.getValue().isr())) {
                assertThat(ReplicaLogs.checkpointedHighWatermarks(cluster.node(member).dataDir()).getOrDefault(partition, 0L))
                        .as("high watermark of %s checkpointed by ISR member %s: never past the leader's", partition, member)
                        .isLessThanOrEqualTo(highWatermark);
                ReplicaLogs.Prefix memberPrefix = prefix(member, partition, highWatermark);
                assertThat(firstDifference(memberPrefix.bytes(), leaderPrefix.bytes()))
                        .as("first byte where node %s's %s (%s) differs from leader %s's (%s) below the high watermark %s",
                                member, partition, memberPrefix, leader, leaderPrefix, highWatermark)
                        .isEqualTo(-1);
                compared.add(partition + "@" + member);
            }
        }
        List<String> followerCopies = layout.partitions(TOPICS).stream().filter(layout::hostsFollower)
                .map(tp -> tp + "@" + layout.follower()).toList();
        assertThat(compared).as("replicas compared: the rejoined follower's among them").containsAll(followerCopies);
    }

    /**
     * Sends {@value #RECORDS} records to each partition with acks=all (the idempotent default), checks
     * that they got the offsets right after what was acknowledged before, and reads each partition back
     * from offset 0 through the running brokers.
     */
    private static void produceAndReadBack(List<TopicPartition> partitions, String label) {
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.runningBootstrap())) {
            for (TopicPartition partition : partitions) {
                List<SampleRecord> records = SampleRecord.generate(label + "-" + partition, RECORDS, System.currentTimeMillis());
                List<SampleRecord> before = acknowledged.computeIfAbsent(partition, tp -> new ArrayList<>());
                List<RecordMetadata> acks = SampleRecord.produceAll(producer, partition.topic(), partition.partition(), records);
                assertThat(acks).as("offsets acknowledged to %s (%s)", partition, label).extracting(RecordMetadata::offset)
                        .containsExactlyElementsOf(LongStream.range(before.size(), before.size() + RECORDS).boxed().toList());
                before.addAll(records);
            }
        }
        for (TopicPartition partition : partitions) {
            SampleRecord.assertReadBack(Clients.readToEnd(cluster.runningBootstrap(), partition, 0, READ_TIMEOUT),
                    acknowledged.get(partition), 0);
        }
    }

    private static ReplicaLogs.Prefix prefix(int nodeId, TopicPartition partition, long highWatermark) {
        return ReplicaLogs.below(ReplicaLogs.read(ReplicaLogs.partitionDir(cluster.node(nodeId), partition)), highWatermark);
    }

    /** The first index where the two differ (a length difference counts), or -1 when they are equal. */
    private static int firstDifference(byte[] a, byte[] b) {
        return Arrays.mismatch(a, b);
    }
}

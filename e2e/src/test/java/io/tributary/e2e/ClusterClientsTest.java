package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.e2e.harness.BrokerConnection;
import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.MetadataView;
import io.tributary.e2e.harness.MetadataView.PartitionView;
import io.tributary.e2e.harness.MetadataView.TopicView;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients against a three-process cluster whose partitions are led by different brokers: the Java
 * producer, bootstrapped through one broker, writes to partitions led by every broker, and a consumer
 * bootstrapped through another reads everything back; a broker asked to write to a partition it does
 * not lead refuses with NOT_LEADER_OR_FOLLOWER and names the leader, its epoch and where it listens
 * (KIP-951), which is what lets clients go straight to the leader. Last, a broker-only node
 * ({@code process.roles=broker}) joins the three controllers, gets its share of a new topic, and serves it.
 */
@ExtendWith(TributaryExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterClientsTest {
    private static final String TOPIC = "clients-rf1";
    private static final int PARTITIONS = 6;
    private static final int RECORDS_PER_PARTITION = 25;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static TributaryCluster cluster;

    @BeforeAll
    static void startCluster(Nodes classNodes) {
        cluster = classNodes.startCluster(3);
        Clients.createTopic(cluster.bootstrap(), TOPIC, PARTITIONS);
        cluster.awaitTopics(Map.of(TOPIC, PARTITIONS));
    }

    @Test
    @Order(1)
    void theJavaClientsWriteAndReadPartitionsLedByEveryBrokerThroughOneBootstrapBroker() {
        TopicView topic = cluster.metadataFromEach(List.of(TOPIC)).get(1).topic(TOPIC);
        assertThat(topic.partitions().stream().map(PartitionView::leader).collect(Collectors.toSet()))
                .as("the brokers leading %s's partitions", TOPIC).containsExactlyInAnyOrder(1, 2, 3);

        long baseTimestampMs = System.currentTimeMillis() - 60_000;
        Map<Integer, List<SampleRecord>> sent = new TreeMap<>();
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.node(1).bootstrap())) {
            for (int p = 0; p < PARTITIONS; p++) {
                List<SampleRecord> records = SampleRecord.generate("p" + p, RECORDS_PER_PARTITION, baseTimestampMs);
                List<RecordMetadata> acks = SampleRecord.produceAll(producer, TOPIC, p, records);
                assertThat(acks).as("offsets acknowledged for partition %s (led by %s)", p, topic.partition(p).leader())
                        .extracting(RecordMetadata::offset)
                        .containsExactlyElementsOf(Stream.iterate(0L, o -> o + 1).limit(RECORDS_PER_PARTITION).toList());
                sent.put(p, records);
            }
        }
        for (int p = 0; p < PARTITIONS; p++) {
            SampleRecord.assertReadBack(Clients.readToEnd(cluster.node(3).bootstrap(), new TopicPartition(TOPIC, p), 0,
                    READ_TIMEOUT), sent.get(p), 0);
        }
    }

    @Test
    @Order(2)
    void aBrokerThatDoesNotLeadAPartitionRefusesAProduceAndNamesTheLeaderAndItsEndpoint() {
        PartitionView partition = cluster.metadataFromEach(List.of(TOPIC)).get(1).topic(TOPIC).partition(0);
        TributaryNode leader = cluster.node(partition.leader());
        TributaryNode other = cluster.running().stream().filter(n -> n != leader).findFirst().orElseThrow();

        ProduceResponseData refused = produceOneRecord(other, "to a broker that does not lead");
        ProduceResponseData.PartitionProduceResponse answer = refused.responses().iterator().next().partitionResponses().get(0);
        assertThat(Errors.forCode(answer.errorCode())).as("error from %s, which does not lead %s-0", other, TOPIC)
                .isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
        assertThat(answer.currentLeader().leaderId()).as("the leader it names").isEqualTo(leader.nodeId());
        assertThat(answer.currentLeader().leaderEpoch()).as("the leader epoch it names").isEqualTo(partition.leaderEpoch());
        assertThat(refused.nodeEndpoints()).as("endpoints in the answer")
                .anySatisfy(endpoint -> assertThat(endpoint.nodeId() + "@" + endpoint.host() + ":" + endpoint.port())
                        .isEqualTo(leader.nodeId() + "@" + leader.bootstrap()));

        ProduceResponseData accepted = produceOneRecord(leader, "to the leader");
        assertThat(Errors.forCode(accepted.responses().iterator().next().partitionResponses().get(0).errorCode()))
                .as("error from the leader %s", leader).isEqualTo(Errors.NONE);
    }

    @Test
    @Order(3)
    void aBrokerOnlyNodeJoinsTheThreeControllersGetsItsShareOfANewTopicAndServesIt() throws Exception {
        TributaryNode brokerOnly = cluster.addBrokerOnly(4);
        String properties = Files.readString(brokerOnly.propertiesFile(), StandardCharsets.UTF_8);
        assertThat(properties).as("the broker-only node's properties").contains("process.roles=broker\n")
                .doesNotContain("CONTROLLER://");

        Map<Integer, MetadataView> views = cluster.metadataFromEach(List.of(TOPIC));
        assertThat(views).as("every broker's Metadata, the new one's included").containsOnlyKeys(1, 2, 3, 4);
        MetadataView first = views.get(1);
        assertThat(views).allSatisfy((id, view) -> assertThat(view).as("broker %s", id).isEqualTo(first));
        assertThat(first.brokerIds()).containsExactly(1, 2, 3, 4);
        assertThat(cluster.activeControllerFromQuorum()).as("the active controller is a voter").isIn(1, 2, 3);

        String topic = "after-join";
        Clients.createTopic(brokerOnly.bootstrap(), topic, 8);
        cluster.awaitTopics(Map.of(topic, 8));
        TopicView created = cluster.metadataFromEach(List.of(topic)).get(4).topic(topic);
        Map<Integer, Long> leaders = created.partitions().stream()
                .collect(Collectors.groupingBy(PartitionView::leader, TreeMap::new, Collectors.counting()));
        assertThat(leaders).as("partitions of %s led by each broker", topic).containsOnlyKeys(1, 2, 3, 4)
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(2L));

        int ownPartition = created.partitions().stream().filter(p -> p.leader() == 4).findFirst().orElseThrow().index();
        List<SampleRecord> records = SampleRecord.generate("broker-only", 20, System.currentTimeMillis());
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(brokerOnly.bootstrap())) {
            SampleRecord.produceAll(producer, topic, ownPartition, records);
        }
        SampleRecord.assertReadBack(Clients.readToEnd(brokerOnly.bootstrap(), new TopicPartition(topic, ownPartition), 0,
                READ_TIMEOUT), records, 0);
        try (Stream<Path> files = Files.walk(brokerOnly.dataDir())) {
            assertThat(files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()))
                    .as("directories under the broker-only node's log.dirs").contains(topic + "-" + ownPartition)
                    .doesNotContain("__cluster_metadata-0");
        }
        assertThat(Set.copyOf(cluster.metadataFromEach(List.of()).get(4).brokerIds())).containsExactlyInAnyOrder(1, 2, 3, 4);
    }

    /** One acks=1 record to partition 0 of {@link #TOPIC}, sent to {@code node} alone (Produce v11). */
    private static ProduceResponseData produceOneRecord(TributaryNode node, String what) {
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData().setName(TOPIC).setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(MemoryRecords.withRecords(
                        Compression.NONE, new SimpleRecord(("direct " + what).getBytes(StandardCharsets.UTF_8)))))));
        ProduceRequestData data = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(10_000).setTopicData(topics);
        try (BrokerConnection connection = BrokerConnection.open(node.bootstrap(), Duration.ofSeconds(15))) {
            return ((ProduceResponse) connection.send(ProduceRequest.builder(data).build((short) 11))).data();
        }
    }
}

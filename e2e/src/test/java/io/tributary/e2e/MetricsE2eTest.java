package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.KafkaCli;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /metrics} of three broker processes (each also a controller voter), scraped over HTTP while
 * official Java clients produce and commit, and while a broker is killed: the figures move as the
 * cluster does. Also checks that every metric the shipped Grafana dashboard and Prometheus alert
 * rules name is in a real scrape.
 */
@ExtendWith(TributaryExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsE2eTest {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int RECORDS = 100;
    private static final int VALUE_BYTES = 200;
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static TributaryCluster cluster;

    @BeforeAll
    static void startCluster(Nodes classNodes) {
        cluster = classNodes.cluster(3, Map.of("http.listener", "http://127.0.0.1:0", "offsets.topic.num.partitions", "3")).start();
    }

    @BeforeEach
    void bringBackKilledNodes() {
        cluster.restartAll();
    }

    private static double sumOverRunning(String name, String... labels) {
        double total = 0;
        for (TributaryNode n : cluster.running()) {
            total += MetricsScrape.of(n).sum(name, labels);
        }
        return total;
    }

    private static double maxOverRunning(String name, String... labels) {
        double max = 0;
        for (TributaryNode n : cluster.running()) {
            max = Math.max(max, MetricsScrape.of(n).sum(name, labels));
        }
        return max;
    }

    private static void produce(String topic, int partitions) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.bootstrap(), Map.of("acks", "all"))) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, null, new byte[VALUE_BYTES])).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Acks=all records raise bytes in, messages in and the Produce request count, and every replica's log end offset. */
    @Test
    void produceRaisesBytesInAndLogEndOffsets() throws Exception {
        String topic = "metrics-produce";
        Clients.createTopic(cluster.bootstrap(), topic, 1, (short) 3, Map.of());
        double bytesBefore = sumOverRunning("kafka_server_brokertopicmetrics_bytesin_total", "topic", topic);
        produce(topic, 1);
        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(sumOverRunning("kafka_server_brokertopicmetrics_bytesin_total", "topic", topic) - bytesBefore)
                    .as("bytes in").isGreaterThanOrEqualTo((double) RECORDS * VALUE_BYTES);
            assertThat(sumOverRunning("kafka_server_brokertopicmetrics_messagesin_total", "topic", topic)).isEqualTo(RECORDS);
            for (TributaryNode n : cluster.running()) {
                assertThat(MetricsScrape.of(n).sum("kafka_log_log_logendoffset", "topic", topic, "partition", "0"))
                        .as("log end offset on node %d", n.nodeId()).isEqualTo(RECORDS);
            }
        });
        assertThat(sumOverRunning("kafka_network_requestmetrics_requests_total", "request", "Produce", "acks", "all"))
                .isGreaterThanOrEqualTo(RECORDS);
        assertThat(sumOverRunning("kafka_network_requestmetrics_totaltime_seconds_count", "request", "Produce", "acks", "all"))
                .isGreaterThanOrEqualTo(RECORDS);
        assertThat(sumOverRunning("kafka_server_brokertopicmetrics_replicationbytesout_total", "topic", topic))
                .as("followers fetched the records").isGreaterThanOrEqualTo(2.0 * RECORDS * VALUE_BYTES);
        assertThat(sumOverRunning("kafka_server_replicamanager_underreplicatedpartitions")).isZero();
    }

    /** A consumer's read raises bytes out; its group's committed offset and lag appear on the broker that coordinates it. */
    @Test
    void groupLagAppears() throws Exception {
        readAndCommit("metrics-lag", "metrics-lag-group");
    }

    /** Produces, reads everything with a group consumer, commits offset 40 and checks bytes out, offset and lag. */
    private static void readAndCommit(String topic, String group) throws Exception {
        Clients.createTopic(cluster.bootstrap(), topic, 1, (short) 3, Map.of());
        produce(topic, 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(), ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            int read = 0;
            long deadlineNs = System.nanoTime() + BOUND.toNanos();
            while (read < RECORDS && System.nanoTime() < deadlineNs) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            assertThat(read).as("records read").isEqualTo(RECORDS);
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(40)), Duration.ofSeconds(30));
        }
        assertThat(sumOverRunning("kafka_server_brokertopicmetrics_bytesout_total", "topic", topic))
                .as("bytes sent to the consumer").isGreaterThanOrEqualTo((double) RECORDS * VALUE_BYTES);
        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(maxOverRunning("kafka_consumergroup_current_offset", "group", group, "topic", topic)).isEqualTo(40);
            assertThat(maxOverRunning("kafka_consumergroup_lag", "group", group, "topic", topic, "partition", "0"))
                    .isEqualTo(RECORDS - 40);
        });
    }

    /**
     * SIGKILL of a broker that leads a partition and is not the active controller: the survivors report
     * under-replicated partitions and one more election, the fenced broker, no offline partition, and
     * the active controller the failover's duration.
     */
    @Test
    void killingABrokerShowsUnderReplicationAndAnElection() throws Exception {
        String topic = "metrics-kill";
        Clients.createTopic(cluster.bootstrap(), topic, 3, (short) 3, Map.of());
        int controller = cluster.activeController();
        int victim;
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            victim = d.partitions().stream().map(p -> p.leader().id()).filter(id -> id != controller).findFirst()
                    .orElseThrow(() -> new AssertionError("the controller leads every partition of " + topic));
        }
        double electionsBefore = sumOverRunning("kafka_controller_controllerstats_leaderelections_total");
        double shrinksBefore = sumOverRunning("kafka_server_replicamanager_isrshrinks_total");
        cluster.node(victim).kill();
        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(sumOverRunning("kafka_server_replicamanager_underreplicatedpartitions")).isPositive();
            assertThat(sumOverRunning("kafka_controller_controllerstats_leaderelections_total") - electionsBefore).isGreaterThanOrEqualTo(1);
            assertThat(sumOverRunning("kafka_server_replicamanager_isrshrinks_total") - shrinksBefore).isGreaterThanOrEqualTo(1);
            assertThat(maxOverRunning("kafka_controller_kafkacontroller_fencedbrokercount")).isEqualTo(1);
            assertThat(maxOverRunning("kafka_controller_kafkacontroller_offlinepartitionscount")).isZero();
            MetricsScrape active = MetricsScrape.of(cluster.node(controller));
            assertThat(active.has("tributary_controller_last_failover_seconds", "broker", String.valueOf(victim))).isTrue();
        });
        MetricsScrape active = MetricsScrape.of(cluster.node(controller));
        double failoverSeconds = active.sum("tributary_controller_last_failover_seconds");
        System.out.printf("last failover after SIGKILL of broker %d: %.3f s%n", victim, failoverSeconds);
        assertThat(failoverSeconds).isPositive().isLessThan(BOUND.toSeconds());
        assertThat(sumOverRunning("kafka_controller_controllerstats_uncleanleaderelections_total")).isZero();
    }

    /**
     * A stopped broker stays registered and fenced, so the fenced count (and its alert) stays at 1 until
     * {@code kafka-cluster unregister --id N} removes it; then describeCluster no longer lists it, even
     * with fenced brokers included. An id that is not registered fails with Kafka's message. The next
     * test's restart registers the node again.
     */
    @Test
    void kafkaClusterUnregisterRemovesAStoppedBrokerAndItsFencedCount() throws Exception {
        int controller = cluster.activeController();
        int gone = cluster.nodes().stream().map(TributaryNode::nodeId).filter(id -> id != controller).findFirst().orElseThrow();
        cluster.node(gone).stop();
        DescribeClusterOptions withFenced = new DescribeClusterOptions().includeFencedBrokers(true);
        try (Admin admin = Clients.admin(cluster.runningBootstrap())) {
            await("the stopped broker is fenced").atMost(BOUND).untilAsserted(() -> {
                assertThat(maxOverRunning("kafka_controller_kafkacontroller_fencedbrokercount")).isEqualTo(1);
                assertThat(admin.describeCluster(withFenced).nodes().get(10, TimeUnit.SECONDS))
                        .filteredOn(n -> n.id() == gone).singleElement().extracting(Node::isFenced).isEqualTo(true);
            });

            List<String> args = List.of("unregister", "--bootstrap-server", cluster.runningBootstrap(), "--id", String.valueOf(gone));
            CommandRunner.Result unregistered = KafkaCli.run(KafkaCli.CLUSTER, args, BOUND);
            assertThat(unregistered.stdout()).contains("Broker " + gone + " is no longer registered.");
            // The broker that forwarded it answered once its own image showed the change; another may lag a little.
            await("the broker is gone").atMost(BOUND).untilAsserted(() -> {
                assertThat(admin.describeCluster(withFenced).nodes().get(10, TimeUnit.SECONDS)).extracting(Node::id).doesNotContain(gone);
                assertThat(maxOverRunning("kafka_controller_kafkacontroller_fencedbrokercount")).isZero();
            });

            CommandRunner.Result unknown = KafkaCli.runAnyExit(KafkaCli.CLUSTER, List.of("unregister", "--bootstrap-server",
                    cluster.runningBootstrap(), "--id", "99"), BOUND);
            System.out.println("kafka-cluster unregister --id 99: " + unknown.stdout().strip() + " " + unknown.stderr().strip());
            assertThat(unknown.exitCode()).isNotZero();
            assertThat(unknown.stdout() + unknown.stderr()).contains("Broker ID 99 is not currently registered");
        }
    }

    /**
     * Every metric the shipped dashboard and alert rules name exists in a real scrape. Runs last: the
     * failover figures exist once a failover happened, and the lag once a group committed.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void dashboardAndAlertsNameOnlyRealMetrics() throws Exception {
        // Series labelled by topic or group exist once traffic made them, on a broker that has not restarted since.
        readAndCommit("metrics-dashboard", "metrics-dashboard-group");
        Set<String> scraped = new TreeSet<>();
        for (TributaryNode n : cluster.running()) {
            MetricsScrape.of(n).samples().forEach(s -> scraped.add(s.name()));
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode dashboard = json.readTree(Files.readString(DEPLOY.resolve("grafana/tributary-dashboard.json")));
        assertThat(dashboard.path("title").asText()).isNotEmpty();
        assertThat(dashboard.path("panels").size()).isPositive();
        List<String> exprs = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> exprs.add(e.asText()));
        JsonNode alerts = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(DEPLOY.resolve("prometheus/alerts.yml")));
        List<String> alertNames = new ArrayList<>();
        for (JsonNode g : alerts.path("groups")) {
            for (JsonNode rule : g.path("rules")) {
                assertThat(rule.path("alert").asText()).as("every rule is an alert").isNotEmpty();
                alertNames.add(rule.path("alert").asText());
                exprs.add(rule.path("expr").asText());
            }
        }
        assertThat(alertNames).contains("TributaryOfflinePartitions", "TributaryUnderMinIsr", "TributaryUnderReplicatedPartitions",
                "TributaryUncleanLeaderElection", "TributaryFencedBroker", "TributaryConsumerLagGrowing");
        Pattern metric = Pattern.compile("\\b((?:kafka|tributary|jvm)_[a-z0-9_]+)");
        Set<String> named = new TreeSet<>();
        for (String e : exprs) {
            Matcher m = metric.matcher(e);
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertThat(named).hasSizeGreaterThan(15);
        assertThat(scraped).containsAll(named);
    }
}

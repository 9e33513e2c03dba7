package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.Broker;
import io.tributary.broker.net.client.ClientSettings;
import io.tributary.broker.net.client.ClientTransport;
import io.tributary.broker.net.client.NodeConnection;
import io.tributary.common.ErrorCode;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.wire.api.IsolationLevel;
import io.tributary.wire.api.NodeEndpoint;
import io.tributary.wire.api.describecluster.DescribeClusterClientCodec;
import io.tributary.wire.api.describecluster.DescribeClusterRequest;
import io.tributary.wire.api.describecluster.DescribeClusterResponse;
import io.tributary.wire.api.electleaders.ElectLeadersClientCodec;
import io.tributary.wire.api.electleaders.ElectLeadersRequest;
import io.tributary.wire.api.electleaders.ElectLeadersResponse;
import io.tributary.wire.api.electleaders.ElectionType;
import io.tributary.wire.api.createtopics.CreateTopicsClientCodec;
import io.tributary.wire.api.createtopics.CreateTopicsRequest;
import io.tributary.wire.api.createtopics.CreateTopicsResponse;
import io.tributary.wire.api.fetch.FetchClientCodec;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One three-node cluster in this JVM, shared by the tests: metadata reaches every broker, every
 * broker describes the cluster the same way, admin requests through any broker are forwarded to
 * the active controller and visible at once on that broker, and a broker that does not lead a
 * partition says who does.
 */
class ClusterMetadataTest {

    @TempDir
    static Path dir;
    static TestCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        // Few offsets partitions, so creating __consumer_offsets stays light for three nodes in one JVM.
        cluster = new TestCluster(dir, 3, Map.of("offsets.topic.num.partitions", "3")).start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    /** Metadata is eventually the same everywhere: wait (bounded) until every broker's image has the topic. */
    private static void awaitEverywhere(String topic) {
        for (int id = 1; id <= 3; id++) {
            Broker b = cluster.node(id);
            await().atMost(Duration.ofSeconds(10)).until(() -> b.metadata().image().topic(topic) != null);
        }
    }

    /** A producer bootstrapped at one broker; its Metadata requests allow auto-creation, as every producer's do. */
    private static KafkaProducer<String, String> producerTo(int id) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(id));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        return new KafkaProducer<>(p);
    }

    /** A broker other than the active controller, so requests to it are really forwarded over the network. */
    private static int notTheController() {
        int active = cluster.activeController();
        return active == 1 ? 2 : 1;
    }

    @Test
    void everyBrokerDescribesTheClusterAndATopicTheSameWay() throws Exception {
        Admin admin = cluster.admin(notTheController());
        admin.createTopics(List.of(new NewTopic("described", 6, (short) 3))).all().get();
        // The admin client may ask any broker, and as in Kafka a broker other than the one that
        // forwarded the creation learns of it a few milliseconds later.
        awaitEverywhere("described");
        TopicDescription expected = describe(admin, "described");
        assertThat(expected.partitions()).hasSize(6).allSatisfy(p -> {
            assertThat(p.replicas()).hasSize(3);
            assertThat(p.isr()).hasSize(3);
            assertThat(p.leader()).isNotNull();
        });
        int active = cluster.activeController();
        for (int id = 1; id <= 3; id++) {
            Admin a = cluster.admin(id);
            assertThat(describe(a, "described")).as("node %d", id).isEqualTo(expected);
            DescribeClusterResult c = a.describeCluster();
            assertThat(c.nodes().get()).as("node %d", id).hasSize(3);
            assertThat(c.controller().get().id()).as("node %d names the active controller", id).isEqualTo(active);
            assertThat(c.clusterId().get()).isEqualTo(cluster.node(1).metadata().image().clusterId().orElseThrow());
        }
    }

    /** CreateTopics sent straight to one broker, as a client that picked it would. */
    private static CreateTopicsResponse createThrough(int id, String topic, int partitions, short replicas) throws Exception {
        int port = cluster.node(id).boundListeners().get(0).address().getPort();
        try (ClientTransport transport = ClientTransport.create(1, "cluster-test-client")) {
            NodeConnection c = transport.connect("127.0.0.1", port, ClientSettings.defaults("cluster-test")).get(10, TimeUnit.SECONDS);
            CreateTopicsRequest request = new CreateTopicsRequest(List.of(new CreateTopicsRequest.Topic(topic, partitions, replicas,
                    List.of(), List.of())), 10_000, false);
            CreateTopicsResponse r = c.send(CreateTopicsClientCodec.INSTANCE, request, 15_000).get(15, TimeUnit.SECONDS);
            c.close();
            return r;
        }
    }

    @Test
    void aTopicCreatedThroughAnyBrokerIsInThatBrokersImageWhenAnswered() throws Exception {
        for (int id = 1; id <= 3; id++) {
            String topic = "forwarded-" + id;
            CreateTopicsResponse r = createThrough(id, topic, 2, (short) 2);
            assertThat(r.topics().get(0).error()).as("created through node %d", id).isEqualTo(ErrorCode.NONE);
            TopicImage t = cluster.node(id).metadata().image().topic(topic);
            assertThat(t).as("node %d's own image, as it answers", id).isNotNull();
            assertThat(t.id()).isEqualTo(r.topics().get(0).topicId());
            assertThat(createThrough(id, topic, 2, (short) 2).topics().get(0).error()).isEqualTo(ErrorCode.TOPIC_ALREADY_EXISTS);
        }
    }

    @Test
    void partitionsConfigsAndDeletionsThroughTheAdminClientAreVisibleWhenAnswered() throws Exception {
        for (int id = 1; id <= 3; id++) {
            Admin admin = cluster.admin(id);
            // The admin client sends these to the node Metadata names as the controller; that broker forwards them.
            Broker target = cluster.node(admin.describeCluster().controller().get().id());
            String topic = "altered-" + id;
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 2))).all().get();
            assertThat(target.metadata().image().topic(topic)).isNotNull();

            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(4))).all().get();
            assertThat(target.metadata().image().topic(topic).partitionCount()).isEqualTo(4);

            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "3600000"),
                    AlterConfigOp.OpType.SET)))).all().get();
            // The admin client sends config changes to any broker (not the controller's), so only the one it chose
            // answers after catching up; every other broker gets the change a round trip later.
            for (int other = 1; other <= 3; other++) {
                Admin otherAdmin = cluster.admin(other);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    Config seen = otherAdmin.describeConfigs(List.of(resource)).all().get().get(resource);
                    assertThat(seen.get("retention.ms").value()).isEqualTo("3600000");
                });
            }

            admin.deleteTopics(List.of(topic)).all().get();
            assertThat(target.metadata().image().topic(topic)).isNull();
        }
    }

    @Test
    void aReplicationFactorAboveTheLiveBrokersIsRefused() {
        Admin admin = cluster.admin(notTheController());
        assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("too-many", 1, (short) 4))).all().get())
                .hasCauseInstanceOf(InvalidReplicationFactorException.class);
    }

    @Test
    void producersGetProducerIdsAndWriteThroughAnyBroker() throws Exception {
        cluster.admin(1).createTopics(List.of(new NewTopic("written", 3, (short) 1))).all().get();
        for (int id = 1; id <= 3; id++) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(id));
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                for (int partition = 0; partition < 3; partition++) {
                    RecordMetadata m = producer.send(new ProducerRecord<>("written", partition, "k", "via node " + id)).get();
                    assertThat(m.offset()).isGreaterThanOrEqualTo(0);
                }
            }
        }
    }

    @Test
    void metadataRequestsAutoCreateTopicsThroughTheController() throws Exception {
        int id = notTheController();
        Admin admin = cluster.admin(id);
        // A Metadata request for an unknown topic that allows auto-creation, as a producer sends it.
        try (KafkaProducer<String, String> producer = producerTo(id)) {
            assertThat(producer.partitionsFor("auto-created")).hasSize(1);
        }
        // The describe may go to any broker; the others learn of the topic a few milliseconds later.
        awaitEverywhere("auto-created");
        assertThat(describe(admin, "auto-created").partitions()).hasSize(1);
    }

    @Test
    void consumerOffsetsIsCreatedOnEveryBrokerWithThreeReplicas() throws Exception {
        int id = notTheController();
        // The producer's Metadata request allows auto-creation, as a consumer group's lookup would.
        try (KafkaProducer<String, String> producer = producerTo(id)) {
            assertThat(producer.partitionsFor("__consumer_offsets")).hasSize(3);
        }
        awaitEverywhere("__consumer_offsets");
        TopicDescription d = describe(cluster.admin(id), "__consumer_offsets");
        assertThat(d.isInternal()).isTrue();
        assertThat(d.partitions()).hasSize(3).allSatisfy(part ->
                assertThat(part.replicas()).as("min(offsets.topic.replication.factor 3, 3 brokers)").hasSize(3));
        assertThat(d.partitions()).extracting(part -> part.leader().id()).as("leaderships spread").containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void aBrokerThatDoesNotLeadAPartitionNamesTheLeaderAndWhereItListens() throws Exception {
        cluster.admin(1).createTopics(List.of(new NewTopic("led", 1, (short) 1), new NewTopic("replicated", 1, (short) 3))).all().get();
        for (String topic : List.of("led", "replicated")) {
            awaitEverywhere(topic);
            MetadataImage image = cluster.node(1).metadata().image();
            TopicImage t = image.topic(topic);
            PartitionRegistration reg = t.partition(0);
            int other = reg.leader() == 1 ? 2 : 1;
            Broker asked = cluster.node(other);
            int port = asked.boundListeners().get(0).address().getPort();
            try (ClientTransport transport = ClientTransport.create(1, "cluster-test-client")) {
                NodeConnection c = transport.connect("127.0.0.1", port, ClientSettings.defaults("cluster-test")).get(10, TimeUnit.SECONDS);
                FetchRequest fetch = new FetchRequest(-1, -1L, 0, 1, 1 << 20, IsolationLevel.READ_UNCOMMITTED, 0, -1,
                        List.of(new FetchRequest.Topic(topic, t.id(), List.of(new FetchRequest.Partition(0, -1, 0, -1, -1, 1 << 20)))),
                        List.of(), "", null);
                FetchResponse r = c.send(FetchClientCodec.INSTANCE, fetch, 10_000).get(10, TimeUnit.SECONDS);
                FetchResponse.PartitionResponse part = r.topics().get(0).partitions().get(0);
                assertThat(part.error()).as(topic + " asked of node " + other).isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
                assertThat(part.currentLeader().leaderId()).isEqualTo(reg.leader());
                assertThat(part.currentLeader().leaderEpoch()).isEqualTo(reg.leaderEpoch());
                int leaderPort = cluster.node(reg.leader()).boundListeners().get(0).address().getPort();
                assertThat(r.nodeEndpoints()).containsExactly(new NodeEndpoint(reg.leader(), "127.0.0.1", leaderPort, null));
                c.close();
            }
        }
    }

    /**
     * How long a metadata change takes to reach every broker: from the active controller replaying the
     * committed batch to the last broker's image holding it, and from the client's request. Printed for
     * the record; asserted only against a generous bound (the machine is shared).
     */
    @Test
    void metadataReachesEveryBrokerWithinMilliseconds() throws Exception {
        Map<String, Long> committedNs = new ConcurrentHashMap<>();
        Map<String, Map<Integer, Long>> seenNs = new ConcurrentHashMap<>();
        cluster.node(cluster.activeController()).controller().addListener(new MetadataLog.Listener() {
            @Override
            public void onCommit(long offset, List<MetadataRecord> records) {
                long now = System.nanoTime();
                for (MetadataRecord r : records) {
                    if (r instanceof TopicRecord t) {
                        committedNs.putIfAbsent(t.name(), now);
                    }
                }
            }

            @Override
            public void onBecomeActive(long epoch) {
            }

            @Override
            public void onResign() {
            }

            @Override
            public void onSnapshotLoaded(MetadataImage image) {
            }
        });
        for (int id = 1; id <= 3; id++) {
            int node = id;
            cluster.node(id).metadata().onPublished(image -> {
                long now = System.nanoTime();
                for (TopicImage t : image.topics().values()) {
                    if (t.name().startsWith("timed-")) {
                        seenNs.computeIfAbsent(t.name(), k -> new ConcurrentHashMap<>()).putIfAbsent(node, now);
                    }
                }
            });
        }
        Admin admin = cluster.admin(notTheController());
        int changes = 20;
        List<Long> fromCommitUs = new ArrayList<>();
        List<Long> fromRequestUs = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            String topic = "timed-" + i;
            long requestNs = System.nanoTime();
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            await().atMost(Duration.ofSeconds(10)).until(() -> seenNs.getOrDefault(topic, Map.of()).size() == 3
                    && committedNs.containsKey(topic));
            long last = Collections.max(seenNs.get(topic).values());
            fromCommitUs.add((last - committedNs.get(topic)) / 1_000);
            fromRequestUs.add((last - requestNs) / 1_000);
        }
        Collections.sort(fromCommitUs);
        Collections.sort(fromRequestUs);
        System.out.printf("METADATA PROPAGATION (3 brokers, %d topic creations): committed -> last broker's image: median %.2f ms, "
                        + "max %.2f ms; client request -> last broker's image: median %.2f ms, max %.2f ms%n", changes,
                fromCommitUs.get(changes / 2) / 1000.0, fromCommitUs.get(changes - 1) / 1000.0,
                fromRequestUs.get(changes / 2) / 1000.0, fromRequestUs.get(changes - 1) / 1000.0);
        assertThat(fromCommitUs.get(changes / 2)).as("median microseconds from commit to every broker").isLessThan(1_000_000L);

        // A config change moves no partition and opens no log: the metadata path alone.
        admin.createTopics(List.of(new NewTopic("timed-configs", 1, (short) 1))).all().get();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "timed-configs");
        List<Long> configUs = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            String value = String.valueOf(3_600_000L + i);
            Map<Integer, Long> seen = new ConcurrentHashMap<>();
            List<java.util.function.Consumer<MetadataImage>> watchers = new ArrayList<>();
            long requestNs = System.nanoTime();
            for (int id = 1; id <= 3; id++) {
                int node = id;
                java.util.function.Consumer<MetadataImage> w = image -> {
                    if (value.equals(image.topicConfigs("timed-configs").get("retention.ms"))) {
                        seen.putIfAbsent(node, System.nanoTime());
                    }
                };
                watchers.add(w);
                cluster.node(id).metadata().onPublished(w);
            }
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", value),
                    AlterConfigOp.OpType.SET)))).all().get();
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
            configUs.add((Collections.max(seen.values()) - requestNs) / 1_000);
        }
        Collections.sort(configUs);
        System.out.printf("METADATA PROPAGATION (3 brokers, %d topic config changes): client request -> last broker's image: "
                + "median %.2f ms, max %.2f ms%n", changes, configUs.get(changes / 2) / 1000.0, configUs.get(changes - 1) / 1000.0);
    }

    private static NodeConnection connectToController(ClientTransport transport, int id) throws Exception {
        int port = cluster.node(id).controllerListener().address().getPort();
        return transport.connect("127.0.0.1", port, ClientSettings.defaults("cluster-test")).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theControllerListenerServesBrokersAndTellsWhoIsActive() throws Exception {
        cluster.admin(1).createTopics(List.of(new NewTopic("elected", 1, (short) 3))).all().get();
        int active = cluster.activeController();
        int standby = active == 1 ? 2 : 1;
        try (ClientTransport transport = ClientTransport.create(1, "cluster-test-client")) {
            for (int id : List.of(active, standby)) {
                NodeConnection c = connectToController(transport, id);
                DescribeClusterResponse controllers = c.send(DescribeClusterClientCodec.INSTANCE,
                        new DescribeClusterRequest(false, DescribeClusterRequest.ENDPOINT_TYPE_CONTROLLERS, false), 10_000).get(10, TimeUnit.SECONDS);
                assertThat(controllers.error()).isEqualTo(ErrorCode.NONE);
                assertThat(controllers.controllerId()).as("asked of node %d", id).isEqualTo(active);
                assertThat(controllers.brokers()).extracting(DescribeClusterResponse.Broker::brokerId).containsExactly(1, 2, 3);
                DescribeClusterResponse brokers = c.send(DescribeClusterClientCodec.INSTANCE,
                        new DescribeClusterRequest(false, DescribeClusterRequest.ENDPOINT_TYPE_BROKERS, false), 10_000).get(10, TimeUnit.SECONDS);
                assertThat(brokers.error()).isEqualTo(ErrorCode.MISMATCHED_ENDPOINT_TYPE);
                c.close();
            }
            // Only the active controller serves the metadata long-poll; a standby says so, top level and partition.
            NodeConnection standbyConnection = connectToController(transport, standby);
            FetchRequest poll = new FetchRequest(standby, -1L, 0, 1, 1 << 20, IsolationLevel.READ_UNCOMMITTED, 0, -1,
                    List.of(new FetchRequest.Topic(FetchRequest.CLUSTER_METADATA_TOPIC, FetchRequest.CLUSTER_METADATA_TOPIC_ID,
                            List.of(new FetchRequest.Partition(0, -1, 0, -1, -1, 1 << 20)))), List.of(), "", null);
            FetchResponse refused = standbyConnection.send(FetchClientCodec.INSTANCE, poll, 10_000).get(10, TimeUnit.SECONDS);
            assertThat(refused.error()).isEqualTo(ErrorCode.NOT_CONTROLLER);
            standbyConnection.close();

            NodeConnection c = connectToController(transport, active);
            FetchResponse answered = c.send(FetchClientCodec.INSTANCE, poll, 10_000).get(10, TimeUnit.SECONDS);
            FetchResponse.PartitionResponse p = answered.topics().get(0).partitions().get(0);
            assertThat(p.error()).isEqualTo(ErrorCode.NONE);
            assertThat(p.highWatermark()).isGreaterThan(0);
            assertThat(io.tributary.controller.MetadataFetchFraming.decode(((io.tributary.common.records.RecordsSlice.Buffer) p.records()).bytes()))
                    .as("a new fetcher gets batches or a snapshot").isNotEmpty();

            ElectLeadersResponse elected = c.send(ElectLeadersClientCodec.INSTANCE, new ElectLeadersRequest(ElectionType.PREFERRED,
                    List.of(new ElectLeadersRequest.TopicPartitions("elected", List.of(0))), 10_000), 10_000).get(10, TimeUnit.SECONDS);
            assertThat(elected.error()).isEqualTo(ErrorCode.NONE);
            assertThat(elected.results().get(0).partitions().get(0).error()).as("the preferred replica already leads")
                    .isEqualTo(ErrorCode.ELECTION_NOT_NEEDED);
            c.close();
        }
    }

    @Test
    void aDescribeOfAnUnknownTopicFailsAlike() {
        for (int id = 1; id <= 3; id++) {
            Admin admin = cluster.admin(id);
            assertThatThrownBy(() -> admin.describeTopics(List.of("never-created")).allTopicNames().get())
                    .isInstanceOf(ExecutionException.class);
        }
    }
}

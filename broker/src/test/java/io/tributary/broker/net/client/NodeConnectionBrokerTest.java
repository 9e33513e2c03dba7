package io.tributary.broker.net.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.Broker;
import io.tributary.broker.config.BrokerConfig;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.api.IsolationLevel;
import io.tributary.wire.api.createtopics.CreateTopicsClientCodec;
import io.tributary.wire.api.createtopics.CreateTopicsResponse;
import io.tributary.wire.api.describecluster.DescribeClusterClientCodec;
import io.tributary.wire.api.describecluster.DescribeClusterResponse;
import io.tributary.wire.api.fetch.FetchClientCodec;
import io.tributary.wire.api.fetch.FetchCodec;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatClientCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real Tributary broker listener: the handshake, admin requests, and a Fetch of real batches. */
class NodeConnectionBrokerTest {

    @TempDir
    static Path dir;
    private static Broker broker;
    private static int port;
    private static ClientTransport transport;
    private static final ClientSettings SETTINGS = ClientSettings.defaults("broker-test").withRequestTimeoutMs(10_000);

    @BeforeAll
    static void start() throws Exception {
        broker = Broker.start(BrokerConfig.parse(Map.of(
                "node.id", "1",
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString())));
        port = broker.boundListeners().get(0).address().getPort();
        transport = ClientTransport.create(1, "broker-test-client");
    }

    @AfterAll
    static void stop() {
        transport.close();
        broker.close();
    }

    private static NodeConnection connect() {
        return Await.value(transport.connect("127.0.0.1", port, SETTINGS));
    }

    @Test
    void negotiatesWithTheBrokerAndUsesItsRanges() {
        try (NodeConnection c = connect()) {
            assertThat(c.peerVersions().range(FetchCodec.INSTANCE.apiKey())).hasValueSatisfying(r ->
                    assertThat(r.maxVersion()).isEqualTo(FetchCodec.INSTANCE.maxVersion()));
            DescribeClusterResponse r = Await.value(c.send(DescribeClusterClientCodec.INSTANCE,
                    new io.tributary.wire.api.describecluster.DescribeClusterRequest(false, (byte) 1, false), 10_000));
            assertThat(r.error()).isEqualTo(ErrorCode.NONE);
            assertThat(r.brokers()).extracting(DescribeClusterResponse.Broker::brokerId).containsExactly(1);
            // The broker listener does not serve the controller APIs: no version to speak, nothing sent.
            Throwable e = Await.immediateFailure(c.send(BrokerHeartbeatClientCodec.INSTANCE, Requests.heartbeat(1), 10_000));
            assertThat(e).isInstanceOf(UnsupportedVersionException.class);
            assertThat(c.isOpen()).isTrue();
        }
    }

    @Test
    void fetchedBatchesFromTheBrokerParseAndStayValidAfterTheConnectionCloses() throws Exception {
        FetchResponse answer;
        try (NodeConnection c = connect()) {
            CreateTopicsResponse created = Await.value(c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("fetched"), 10_000));
            assertThat(created.topics().get(0).error()).isEqualTo(ErrorCode.NONE);
            TopicId id = created.topics().get(0).topicId();
            produce("fetched", "one", "two", "three");

            FetchRequest fetch = new FetchRequest(-1, -1L, 100, 1, 1 << 20, IsolationLevel.READ_UNCOMMITTED, 0, -1,
                    List.of(new FetchRequest.Topic("fetched", id, List.of(new FetchRequest.Partition(0, -1, 0, -1, -1, 1 << 20)))),
                    List.of(), "", "");
            answer = Await.value(c.send(FetchClientCodec.INSTANCE, fetch, 10_000));
        }

        FetchResponse.PartitionResponse p = answer.topics().get(0).partitions().get(0);
        assertThat(p.error()).isEqualTo(ErrorCode.NONE);
        assertThat(p.highWatermark()).isEqualTo(3);
        ByteBuffer records = ((RecordsSlice.Buffer) p.records()).bytes();
        List<String> values = new ArrayList<>();
        for (Record r : MemoryRecords.readableRecords(records.duplicate()).records()) {
            values.add(StandardCharsets.UTF_8.decode(r.value()).toString());
        }
        assertThat(values).containsExactly("one", "two", "three");
    }

    @Test
    void aControllerClientPointedAtABrokerListenerFindsNoControllerAndSaysWhy() {
        try (ControllerClient client = new ControllerClient(Map.of(1, InetSocketAddress.createUnresolved("127.0.0.1", port)),
                transport, SETTINGS)) {
            Throwable e = Await.failure(client.send(BrokerHeartbeatClientCodec.INSTANCE, Requests.heartbeat(1), 500));
            assertThat(e).isInstanceOf(RequestTimeoutException.class).hasMessageContaining("0 attempts");
            assertThat(client.activeControllerId()).isEqualTo(-1);
        }
    }

    private static void produce(String topic, String... values) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, 0, null, v)).get();
            }
        }
    }
}

package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.broker.Broker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's JSON API ({@code docs/console.md}) on three in-process nodes over real HTTP: every
 * broker draws the same cluster, with follower lag that only the partitions' leaders know; a topic's
 * offsets and a group's lag come from their leaders and coordinator wherever the page is served from;
 * a killed leader shows up as a fenced, unreachable broker, its leaderships moved to ISR members and
 * the election in the timeline with its reason. Bad paths get a JSON error naming the cause.
 */
class ConsoleApiTest {

    private static final String TOPIC = "orders";
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 90;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    TestCluster cluster;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private HttpResponse<String> get(int node, String path) throws Exception {
        Broker b = cluster.node(node);
        URI uri = URI.create("http://127.0.0.1:" + b.httpAddress().orElseThrow().getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(int node, String path) throws Exception {
        HttpResponse<String> r = get(node, path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static JsonNode topic(JsonNode cluster, String name) {
        for (JsonNode t : cluster.path("topics")) {
            if (t.path("name").asText().equals(name)) {
                return t;
            }
        }
        return null;
    }

    private static JsonNode broker(JsonNode cluster, int id) {
        for (JsonNode b : cluster.path("brokers")) {
            if (b.path("id").asInt() == id) {
                return b;
            }
        }
        return null;
    }

    private void startWithTopic() throws Exception {
        cluster = new TestCluster(dir, 3, Map.of("http.listener", "http://127.0.0.1:0")).start();
        cluster.admin(1).createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 3))).all().get(20, TimeUnit.SECONDS);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(1));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, null, ("r" + i).getBytes())).get(20, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void everyBrokerServesTheClusterTopicsGroupsAndPageAndSeesALeaderKilled() throws Exception {
        startWithTopic();
        // Every broker draws the same picture: three live brokers, one active controller, every follower's
        // lag known (it comes from the partition's leader, whichever broker that is) and zero once caught up.
        for (int node = 1; node <= 3; node++) {
            int n = node;
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode c = json(n, "/api/cluster");
                assertThat(c.path("servedBy").asInt()).isEqualTo(n);
                assertThat(c.path("brokers")).hasSize(3);
                int controllers = 0;
                for (JsonNode b : c.path("brokers")) {
                    assertThat(b.path("state").asText()).isEqualTo("alive");
                    assertThat(b.path("reachable").asBoolean()).as(b.toString()).isTrue();
                    controllers += b.path("activeController").asBoolean() ? 1 : 0;
                }
                assertThat(controllers).isEqualTo(1);
                assertThat(c.path("summary").path("offlinePartitions").asInt()).isZero();
                JsonNode t = topic(c, TOPIC);
                assertThat(t.path("partitions")).hasSize(PARTITIONS);
                for (JsonNode p : t.path("partitions")) {
                    for (JsonNode s : p.path("replicaStates")) {
                        assertThat(s.path("lagRecords").isNull()).as(s.toString()).isFalse();
                        assertThat(s.path("lagRecords").asLong()).isZero();
                    }
                }
                assertThat(topic(c, "__consumer_offsets")).as("internal topics only on request").isNull();
            });
        }

        JsonNode t = json(2, "/api/topics/" + TOPIC);
        long total = 0;
        for (JsonNode p : t.path("partitions")) {
            assertThat(p.path("highWatermark").asLong()).isEqualTo(RECORDS / PARTITIONS);
            total += p.path("logEndOffset").asLong();
        }
        assertThat(total).isEqualTo(RECORDS);
        assertThat(json(3, "/api/topics").path("topics").toString()).contains("\"name\":\"" + TOPIC + "\"");

        consumeAndCommit("console-group", 30);
        for (int node = 1; node <= 3; node++) {
            int n = node;
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(json(n, "/api/groups").path("groups").toString()).contains("console-group");
                JsonNode g = json(n, "/api/groups/console-group");
                assertThat(g.path("offsets")).hasSize(PARTITIONS);
                long lag = 0;
                for (JsonNode o : g.path("offsets")) {
                    assertThat(o.path("highWatermark").asLong()).isEqualTo(RECORDS / PARTITIONS);
                    lag += o.path("lag").asLong();
                }
                assertThat(lag).isEqualTo(g.path("totalLag").asLong()).isEqualTo(RECORDS - 30);
            });
        }

        HttpResponse<String> page = get(1, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("/console/app.js");
        assertThat(get(1, "/console/app.js").headers().firstValue("content-type").orElseThrow()).startsWith("text/javascript");
        assertThat(get(1, "/console/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(get(1, "/console/missing.js").statusCode()).isEqualTo(404);

        HttpResponse<String> unknown = get(1, "/api/nothing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).contains("no such API path: /api/nothing").contains("/api/cluster");
        HttpResponse<String> noTopic = get(2, "/api/topics/absent");
        assertThat(noTopic.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noTopic.body()).path("error").asText()).isEqualTo("no such topic: absent");
        HttpResponse<String> noGroup = get(3, "/api/groups/absent-group");
        assertThat(noGroup.statusCode()).as(noGroup.body()).isEqualTo(404);
        HttpResponse<String> badLimit = get(1, "/api/timeline?limit=0");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.body()).contains("limit must be a number from 1 to 500");

        // One cluster start serves both halves: CI's budget is tight.
        aKilledLeaderIsFencedUnreachableAndItsLeadershipsMoveToIsrMembers();
    }

    private void consumeAndCommit(String group, int records) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(1));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(records / PARTITIONS));
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(TOPIC));
            // Commit exactly records/PARTITIONS from each partition, so the lag is known: RECORDS - records.
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets = new java.util.HashMap<>();
            for (int i = 0; i < PARTITIONS; i++) {
                offsets.put(new org.apache.kafka.common.TopicPartition(TOPIC, i),
                        new org.apache.kafka.clients.consumer.OffsetAndMetadata(records / PARTITIONS));
            }
            await().atMost(WAIT).until(() -> {
                c.poll(Duration.ofMillis(200));
                return !c.assignment().isEmpty();
            });
            c.commitSync(offsets, Duration.ofSeconds(20));
        }
    }

    private void aKilledLeaderIsFencedUnreachableAndItsLeadershipsMoveToIsrMembers() throws Exception {
        int witness = 1;
        JsonNode before = json(witness, "/api/cluster");
        int victim = topic(before, TOPIC).path("partitions").get(0).path("leader").asInt();
        if (victim == witness) {
            witness = 2;
        }
        List<Integer> led = new ArrayList<>();
        List<List<Integer>> isrs = new ArrayList<>();
        for (JsonNode p : topic(before, TOPIC).path("partitions")) {
            if (p.path("leader").asInt() == victim) {
                led.add(p.path("partition").asInt());
            }
            List<Integer> isr = new ArrayList<>();
            p.path("isr").forEach(i -> isr.add(i.asInt()));
            isrs.add(isr);
        }

        cluster.kill(victim);
        int w = witness;
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode c = json(w, "/api/cluster");
            JsonNode b = broker(c, victim);
            assertThat(b.path("state").asText()).isEqualTo("fenced");
            assertThat(b.path("reachable").asBoolean()).isFalse();
            assertThat(b.path("error").asText()).startsWith("unreachable at ");
            for (int p : led) {
                JsonNode part = topic(c, TOPIC).path("partitions").get(p);
                int leader = part.path("leader").asInt();
                assertThat(leader).isNotEqualTo(victim).isIn(isrs.get(p));
                assertThat(part.path("underReplicated").asBoolean()).isTrue();
            }
            assertThat(c.path("summary").path("offlinePartitions").asInt()).isZero();
        });
        JsonNode events = json(w, "/api/timeline").path("events");
        boolean fenced = false;
        boolean elected = false;
        for (JsonNode e : events) {
            fenced |= e.path("kind").asText().equals("broker-fenced") && e.path("broker").asInt() == victim;
            elected |= e.path("kind").asText().equals("election") && e.path("topic").asText().equals(TOPIC)
                    && e.path("partition").asInt() == led.get(0) && e.path("reason").asText().equals("clean");
        }
        assertThat(fenced).as(events.toString()).isTrue();
        assertThat(elected).as(events.toString()).isTrue();
    }
}

package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.KafkaCli;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dynamic broker configs on a cluster of three processes, set with Kafka's own {@code kafka-configs}
 * as an operator sets them: a per-broker {@code log.retention.ms} beats the cluster-wide default and
 * deletes old segments on that broker only, survives the broker's restart (it replays the config
 * from the metadata log and deletes what it fetched while down), and a cluster-wide default of 1 s
 * then deletes old segments everywhere, except on a topic whose own {@code retention.ms} wins. A key
 * that cannot change at run time is refused with Kafka's message.
 */
@ExtendWith(TributaryExtension.class)
class DynamicBrokerConfigTest {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int SEGMENT_BYTES = 1_048_576;
    private static final int RECORD_BYTES = 1024;
    /** Three full segments and a bit: what a topic holds before retention has anything to delete. */
    private static final int RECORDS = 3 * SEGMENT_BYTES / RECORD_BYTES + 100;
    private static final long FULL_BYTES = 3L * SEGMENT_BYTES;
    private static TributaryCluster cluster;

    @BeforeAll
    static void startCluster(Nodes classNodes) {
        // A retention pass every 300 ms (Kafka's default is 5 min), so that a change shows within a bounded wait.
        cluster = classNodes.cluster(3, Map.of("log.retention.check.interval.ms", "300")).start();
    }

    @Test
    void perBrokerRetentionBeatsTheDefaultSurvivesARestartAndTheDefaultThenDeletesEverywhere() throws Exception {
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            // Broker 1 leads, 2 follows: retention on a follower deletes only its own segments.
            String shrinking = "dyn-per-broker";
            String keeping = "dyn-topic-wins";
            admin.createTopics(List.of(
                    new NewTopic(shrinking, Map.of(0, List.of(1, 3, 2))).configs(Map.of("segment.bytes", Integer.toString(SEGMENT_BYTES))),
                    new NewTopic(keeping, Map.of(0, List.of(1, 2, 3))).configs(Map.of("segment.bytes", Integer.toString(SEGMENT_BYTES),
                            "retention.ms", "-1")))).all().get(30, TimeUnit.SECONDS);
            cluster.awaitTopics(Map.of(shrinking, 1, keeping, 1));
            produce(shrinking, RECORDS);
            produce(keeping, RECORDS);
            awaitSizes(admin, shrinking, "every replica holds the records", sizes -> sizes.values().stream().allMatch(s -> s >= FULL_BYTES));

            configs("--entity-default", "--add-config", "log.retention.ms=3600000");
            configs("--entity-name", "2", "--add-config", "log.retention.ms=1000");
            Map<Integer, Long> sizes = awaitSizes(admin, shrinking, "broker 2 deletes its old segments",
                    s -> s.get(2) < SEGMENT_BYTES);
            assertThat(sizes.get(1)).as("broker 1 keeps them under the default of an hour").isGreaterThanOrEqualTo(FULL_BYTES);
            assertThat(sizes.get(3)).as("broker 3 keeps them under the default of an hour").isGreaterThanOrEqualTo(FULL_BYTES);

            ConfigEntry onTwo = brokerEntry(admin, 2, "log.retention.ms");
            assertThat(onTwo.value()).isEqualTo("1000");
            assertThat(onTwo.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_BROKER_CONFIG);
            assertThat(onTwo.isReadOnly()).isFalse();
            assertThat(onTwo.synonyms()).extracting(ConfigEntry.ConfigSynonym::source).startsWith(
                    ConfigEntry.ConfigSource.DYNAMIC_BROKER_CONFIG, ConfigEntry.ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
            ConfigEntry onOne = brokerEntry(admin, 1, "log.retention.ms");
            assertThat(onOne.value()).isEqualTo("3600000");
            assertThat(onOne.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG);
            assertThat(configs("--describe", "--entity-default").stdout()).as("kafka-configs --describe --entity-default")
                    .contains("log.retention.ms=3600000").contains("DYNAMIC_DEFAULT_BROKER_CONFIG:log.retention.ms=3600000")
                    .doesNotContain("log.retention.ms=1000");
            String described = configs("--describe", "--entity-name", "2").stdout();
            assertThat(described).as("kafka-configs --describe of broker 2")
                    .contains("log.retention.ms=1000").contains("DYNAMIC_BROKER_CONFIG:log.retention.ms=1000")
                    .contains("DYNAMIC_DEFAULT_BROKER_CONFIG:log.retention.ms=3600000");

            // Broker 2 misses three segments' worth while it is down, fetches them when it is back, and deletes them
            // again: it applied its own config from the metadata log as it started.
            cluster.node(2).stop();
            await("broker 2 leaves the ISR of " + shrinking).atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() ->
                    admin.describeTopics(List.of(shrinking)).allTopicNames().get().get(shrinking).partitions().get(0).isr().stream()
                            .noneMatch(n -> n.id() == 2));
            produce(shrinking, RECORDS);
            cluster.node(2).restart();
            await("broker 2 is back in the ISR of " + shrinking).atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() ->
                    admin.describeTopics(List.of(shrinking)).allTopicNames().get().get(shrinking).partitions().get(0).isr().stream()
                            .anyMatch(n -> n.id() == 2));
            sizes = awaitSizes(admin, shrinking, "broker 2, restarted, deletes what it fetched", s -> s.get(2) < SEGMENT_BYTES);
            assertThat(sizes.get(1)).as("the leader holds both rounds").isGreaterThanOrEqualTo(2 * FULL_BYTES);
            assertThat(brokerEntry(admin, 2, "log.retention.ms").source()).as("after the restart")
                    .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_BROKER_CONFIG);

            configs("--entity-default", "--add-config", "log.retention.ms=1000");
            awaitSizes(admin, shrinking, "the default of 1 s deletes old segments on every broker",
                    s -> s.values().stream().allMatch(v -> v < SEGMENT_BYTES));
            TopicPartition tp = new TopicPartition(shrinking, 0);
            assertThat(admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp).get().offset())
                    .as("the log start moved").isPositive();
            assertThat(awaitSizes(admin, keeping, "the topic's own retention.ms=-1 wins", s -> s.size() == 3).values())
                    .allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(FULL_BYTES));

            configs("--entity-default", "--delete-config", "log.retention.ms");
            configs("--entity-name", "2", "--delete-config", "log.retention.ms");
            assertThat(brokerEntry(admin, 2, "log.retention.ms").source()).as("deleted again")
                    .isIn(ConfigEntry.ConfigSource.DEFAULT_CONFIG, ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
        }
    }

    @Test
    void aKeyThatCannotChangeAtRunTimeIsRefusedWithKafkasMessage() {
        CommandRunner.Result result = KafkaCli.runAnyExit(KafkaCli.CONFIGS, List.of("--bootstrap-server", cluster.bootstrap(),
                "--entity-type", "brokers", "--entity-name", "1", "--alter", "--add-config", "log.dirs=/tmp/elsewhere"), TOOL_TIMEOUT);
        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.stdout() + result.stderr()).contains("Cannot update these configs dynamically: [log.dirs]");

        CommandRunner.Result threads = KafkaCli.runAnyExit(KafkaCli.CONFIGS, List.of("--bootstrap-server", cluster.bootstrap(),
                "--entity-type", "brokers", "--entity-default", "--alter", "--add-config", "num.io.threads=16"), TOOL_TIMEOUT);
        assertThat(threads.exitCode()).as(threads.describe()).isNotZero();
        assertThat(threads.stdout() + threads.stderr()).contains("Cannot update these configs dynamically: [num.io.threads]")
                .contains("only at startup");
    }

    private static CommandRunner.Result configs(String... args) {
        List<String> all = new ArrayList<>(List.of("--bootstrap-server", cluster.bootstrap(), "--entity-type", "brokers"));
        all.addAll(List.of(args));
        if (!all.contains("--describe")) {
            all.add("--alter");
        }
        return KafkaCli.run(KafkaCli.CONFIGS, all, TOOL_TIMEOUT);
    }

    private static ConfigEntry brokerEntry(Admin admin, int brokerId, String key) throws Exception {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(brokerId));
        Config config = admin.describeConfigs(List.of(broker),
                new org.apache.kafka.clients.admin.DescribeConfigsOptions().includeSynonyms(true)).all().get(30, TimeUnit.SECONDS).get(broker);
        return config.get(key);
    }

    private static void produce(String topic, int records) throws Exception {
        byte[] value = new byte[RECORD_BYTES];
        new Random(7).nextBytes(value);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.runningBootstrap(), Map.of("acks", "all",
                "compression.type", "none", "linger.ms", 5))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, value));
            }
            producer.flush();
        }
    }

    /** Waits, bounded, until the replica sizes of partition 0 of {@code topic} by broker, as DescribeLogDirs reports them, match. */
    private static Map<Integer, Long> awaitSizes(Admin admin, String topic, String what,
                                                 java.util.function.Predicate<Map<Integer, Long>> condition) {
        Map<Integer, Long>[] last = new Map[1];
        await(what).atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = LogDirsTest.replicaSizes(admin, List.copyOf(cluster.runningIds()), new TopicPartition(topic, 0));
            return last[0].size() == cluster.runningIds().size() && condition.test(last[0]);
        });
        return last[0];
    }
}

package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.E2eSettings;
import io.tributary.e2e.harness.ExternalTools;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every client the project supports, against topics with three replicas on three brokers
 * ({@code min.insync.replicas=2}, laid out as {@link ReplicatedLayout}'s C): the Java client, kcat
 * and kafkajs each produce with acks=all and read back what they wrote, and Kafka's own
 * {@code kafka-topics --describe} shows each partition's leader, replicas and ISR as Kafka would.
 * kcat and kafkajs are skipped with a message when not installed, except in CI, where that fails.
 */
@ExtendWith(TributaryExtension.class)
class ReplicatedClientsTest {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int RECORDS = 30;
    private static final String JAVA_TOPIC = "C";
    private static final String KCAT_TOPIC = "C-kcat";
    private static final String KAFKAJS_TOPIC = "C-kafkajs";
    /** A {@code kafka-topics --describe} partition line: {@code Topic: C	Partition: 0	Leader: 1	Replicas: 1,2,3	Isr: 1,2,3 ...}. */
    private static final Pattern PARTITION_LINE = Pattern.compile(
            "Topic: (\\S+)\\s+Partition: (\\d+)\\s+Leader: (\\S+)\\s+Replicas: ([0-9,]*)\\s+Isr: ([0-9,]*)");
    private static TributaryCluster cluster;
    private static ReplicatedLayout layout;

    @BeforeAll
    static void startCluster(Nodes classNodes) {
        cluster = classNodes.cluster(3, ReplicatedLayout.CLUSTER_PROPERTIES).start();
        layout = ReplicatedLayout.around(cluster);
        layout.create(cluster, List.of(JAVA_TOPIC, KCAT_TOPIC, KAFKAJS_TOPIC));
    }

    @Test
    void theJavaClientProducesWithAcksAllToEveryReplicatedPartitionAndConsumesItBack() {
        for (TopicPartition partition : layout.partitions(JAVA_TOPIC)) {
            List<SampleRecord> sent = SampleRecord.generate("java-" + partition, RECORDS, System.currentTimeMillis() - 60_000);
            try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.node(layout.follower()).bootstrap())) {
                SampleRecord.produceAll(producer, partition.topic(), partition.partition(), sent);
            }
            SampleRecord.assertReadBack(Clients.readToEnd(cluster.bootstrap(), partition, 0, READ_TIMEOUT), sent, 0);
        }
    }

    @Test
    void kcatProducesWithAcksAllToEveryReplicatedPartitionAndConsumesItBack() {
        Path kcat = ExternalTools.require("kcat", "install it with 'apt-get install -y kcat' (.ci/run does)");
        for (TopicPartition partition : layout.partitions(KCAT_TOPIC)) {
            String input = IntStream.range(0, RECORDS).mapToObj(i -> "key-" + i + ":value " + i + " of " + partition + "\n")
                    .collect(Collectors.joining());
            run(List.of(kcat.toString(), "-P", "-b", cluster.bootstrap(), "-t", partition.topic(), "-p",
                    Integer.toString(partition.partition()), "-K:", "-X", "acks=all", "-X", "enable.idempotence=true"), input);

            List<String> lines = run(List.of(kcat.toString(), "-C", "-b", cluster.bootstrap(), "-t", partition.topic(), "-p",
                    Integer.toString(partition.partition()), "-o", "beginning", "-e", "-f", "%o\\t%k\\t%s\\n"), "").stdoutLines();
            List<String> expected = IntStream.range(0, RECORDS).mapToObj(i -> i + "\tkey-" + i + "\tvalue " + i + " of " + partition)
                    .toList();
            assertThat(lines).as("what kcat reads back from %s", partition).containsExactlyElementsOf(expected);

            List<ConsumerRecord<byte[], byte[]>> read = Clients.readToEnd(cluster.bootstrap(), partition, 0, READ_TIMEOUT);
            assertThat(read).as("what the Java client reads of kcat's records in %s", partition)
                    .extracting(r -> r.offset() + "\t" + SampleRecord.text(r.key()) + "\t" + SampleRecord.text(r.value()))
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void kafkajsProducesWithAcksAllToAReplicatedPartitionAndFetchesItBack() {
        Path node = ExternalTools.require("node", "install Node.js 18 or newer");
        Path scripts = E2eSettings.moduleDir().resolve("src/test/node");
        ExternalTools.requireThat(Files.isDirectory(scripts.resolve("node_modules/kafkajs")),
                "kafkajs is not installed in " + scripts + "; run 'npm ci' there (.ci/run does)");
        int count = 60;
        long baseTimestampMs = System.currentTimeMillis() - 60_000;

        CommandRunner.Result produced = CommandRunner.run(List.of(node.toString(), "produce.js", "--brokers", cluster.bootstrap(),
                        "--topic", KAFKAJS_TOPIC, "--count", Integer.toString(count), "--idempotent", "true",
                        "--compression", "gzip", "--base-timestamp", Long.toString(baseTimestampMs)),
                scripts, new byte[0], TOOL_TIMEOUT).requireSuccess();
        assertThat(produced.stdoutLines()).as("what kafkajs was acknowledged (produce.js sends partition 0 in batches of 25)")
                .containsSubsequence("ack 0 0 25", "ack 0 25 25", "ack 0 50 10", "offsets 0 0 " + count);

        CommandRunner.Result fetched = CommandRunner.run(List.of(node.toString(), "fetch.js", "--brokers", cluster.bootstrap(),
                "--topic", KAFKAJS_TOPIC, "--partition", "0"), scripts, new byte[0], TOOL_TIMEOUT).requireSuccess();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("record " + i + " " + (i % 7 == 3 ? "null" : "kafkajs-key-" + i) + " kafkajs value " + i);
        }
        expected.add("end 0 " + count);
        assertThat(fetched.stdoutLines()).as("what kafkajs fetches back (stderr: %s)", fetched.stderr())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void kafkasOwnTopicCommandDescribesLeaderReplicasAndIsrOfEveryPartition() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        CommandRunner.Result described = run(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.TopicCommand", "--bootstrap-server", cluster.bootstrap(), "--describe", "--topic", JAVA_TOPIC), "");

        Map<Integer, String> partitions = new TreeMap<>();
        for (String line : described.stdoutLines()) {
            Matcher m = PARTITION_LINE.matcher(line);
            if (m.find()) {
                assertThat(m.group(1)).as("topic in: %s", line).isEqualTo(JAVA_TOPIC);
                partitions.put(Integer.parseInt(m.group(2)), "Leader: " + m.group(3) + " Replicas: " + m.group(4)
                        + " Isr: " + sortedIds(m.group(5)));
            }
        }
        Map<Integer, String> expected = new TreeMap<>();
        layout.assignment(JAVA_TOPIC).forEach((p, replicas) -> expected.put(p, "Leader: " + replicas.get(0) + " Replicas: "
                + replicas.stream().map(String::valueOf).collect(Collectors.joining(",")) + " Isr: " + sortedIds(replicas)));
        assertThat(partitions).as("kafka-topics --describe --topic %s printed:%n%s", JAVA_TOPIC, described.stdout())
                .isEqualTo(expected);
        assertThat(described.stdout()).as("its topic line").containsPattern("Topic: " + JAVA_TOPIC + "\\s+TopicId: \\S+\\s+PartitionCount: 3"
                + "\\s+ReplicationFactor: 3");
    }

    /** The ISR's order is the broker's business; compare it as a set, printed sorted. */
    private static String sortedIds(Object ids) {
        List<Integer> list = ids instanceof String text
                ? (text.isEmpty() ? List.of() : java.util.Arrays.stream(text.split(",")).map(Integer::parseInt).toList())
                : ((List<?>) ids).stream().map(o -> (Integer) o).toList();
        return list.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static CommandRunner.Result run(List<String> command, String stdin) {
        return CommandRunner.run(command, Path.of(System.getProperty("java.io.tmpdir")), stdin.getBytes(StandardCharsets.UTF_8),
                TOOL_TIMEOUT).requireSuccess();
    }
}

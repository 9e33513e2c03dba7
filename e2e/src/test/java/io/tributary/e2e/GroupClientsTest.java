package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.E2eSettings;
import io.tributary.e2e.harness.ExternalTools;
import io.tributary.e2e.harness.KafkaCli;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Consumer groups driven by clients other than the Java consumer, on one cluster of three processes:
 * a kcat ({@code -G}, librdkafka) group and a kafkajs group each consume a topic fully, every record
 * once, and leave the group's committed offsets at the log end; Kafka's own
 * {@code kafka-consumer-groups} describes the true lag of each partition, resets an inactive group to
 * the earliest offsets, and {@code kafka-console-consumer --group} reads a topic from the beginning.
 *
 * <p>kcat, node and kafkajs are optional on a developer's machine (the test is skipped with a message)
 * and required in CI ({@code TRIBUTARY_E2E_REQUIRE_TOOLS=1}), where a missing one fails the test.
 */
@ExtendWith(TributaryExtension.class)
class GroupClientsTest {
    private static final int PARTITIONS = 4;
    private static final int PER_PARTITION = 40;
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration BOUND = Duration.ofSeconds(60);
    /** A row of {@code kafka-consumer-groups --describe}: GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID. */
    private static final Pattern DESCRIBE_ROW = Pattern.compile(
            "^(\\S+)\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s*$");
    /** A row of {@code kafka-consumer-groups --reset-offsets}: GROUP TOPIC PARTITION NEW-OFFSET. */
    private static final Pattern RESET_ROW = Pattern.compile("^(\\S+)\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static TributaryCluster cluster;

    @BeforeAll
    static void startCluster(Nodes classNodes) {
        // The harness sets group.initial.rebalance.delay.ms=0, so that a group's first rebalance does not wait 3 s.
        cluster = classNodes.cluster(3, Map.of("offsets.topic.num.partitions", "6")).start();
    }

    @Test
    void aKcatGroupConsumesEveryRecordOnceAndCommitsTheLogEnd() throws Exception {
        Path kcat = ExternalTools.require("kcat", "install it with 'apt-get install -y kcat' (.ci/run does)");
        String topic = filledTopic("kcat-group");
        String group = "kcat-" + UUID.randomUUID();
        // -e: exit once every assigned partition is at its end; librdkafka commits the stored offsets as the consumer closes.
        CommandRunner.Result result = CommandRunner.run(List.of(kcat.toString(), "-b", cluster.bootstrap(), "-G", group, topic,
                        "-e", "-f", "%p %o %s\\n", "-X", "auto.offset.reset=earliest", "-X", "session.timeout.ms=10000",
                        "-X", "heartbeat.interval.ms=500"),
                Path.of(System.getProperty("java.io.tmpdir")), new byte[0], TOOL_TIMEOUT).requireSuccess();
        Map<String, Integer> seen = new TreeMap<>();
        for (String line : result.stdoutLines()) {
            String[] fields = line.split(" ", 3);
            assertThat(fields).as("kcat line %s", line).hasSize(3);
            assertThat(fields[2]).as("value at %s", line).isEqualTo(fields[0] + "-" + fields[1]);
            seen.merge(fields[0] + "-" + fields[1], 1, Integer::sum);
        }
        assertThat(seen).as("how often kcat delivered each partition-offset (stderr: %s)", result.stderr()).isEqualTo(everyRecordOnce());
        assertThat(committedOffsets(group)).as("kcat's committed offsets").isEqualTo(logEnds(topic));
    }

    @Test
    void aKafkajsGroupOfTwoMembersConsumesEveryRecordOnceAndCommitsTheLogEnd() throws Exception {
        Path node = ExternalTools.require("node", "install Node.js 18 or newer");
        Path scripts = E2eSettings.moduleDir().resolve("src/test/node");
        ExternalTools.requireThat(Files.isDirectory(scripts.resolve("node_modules/kafkajs")),
                "kafkajs is not installed in " + scripts + "; run 'npm ci' there (.ci/run does)");
        String topic = filledTopic("kafkajs-group");
        String group = "kafkajs-" + UUID.randomUUID();
        CommandRunner.Result result = CommandRunner.run(List.of(node.toString(), "consume-group.js", "--brokers", cluster.bootstrap(),
                "--topic", topic, "--group", group, "--members", "2"), scripts, new byte[0], TOOL_TIMEOUT).requireSuccess();
        Map<String, Integer> seen = new TreeMap<>();
        Map<Integer, Long> committedAsKafkajsSees = new TreeMap<>();
        for (String line : result.stdoutLines()) {
            String[] fields = line.split(" ");
            if (fields[0].equals("record")) {
                assertThat(fields[4]).as("value at %s", line).isEqualTo(fields[2] + "-" + fields[3]);
                seen.merge(fields[2] + "-" + fields[3], 1, Integer::sum);
            } else {
                assertThat(fields[0]).as("line %s", line).isEqualTo("committed");
                committedAsKafkajsSees.put(Integer.parseInt(fields[1]), Long.parseLong(fields[2]));
            }
        }
        assertThat(seen).as("how often the kafkajs group delivered each partition-offset (stderr: %s)", result.stderr())
                .isEqualTo(everyRecordOnce());
        Map<Integer, Long> ends = new TreeMap<>();
        logEnds(topic).forEach((tp, end) -> ends.put(tp.partition(), end));
        assertThat(committedAsKafkajsSees).as("committed offsets as kafkajs's admin fetches them").isEqualTo(ends);
        assertThat(committedOffsets(group)).as("committed offsets as the Java admin fetches them").isEqualTo(logEnds(topic));
    }

    /**
     * A member commits part of each partition; {@code --describe} shows, while it is in the group and
     * after it left, each partition's committed offset, log end and their difference. With the group
     * empty, {@code --reset-offsets --to-earliest --execute} sets every offset to 0, and a member that
     * may not reset by itself ({@code auto.offset.reset=none}) then reads every record from the start.
     */
    @Test
    void kafkaConsumerGroupsDescribesTheTrueLagAndResetsAnInactiveGroupToTheEarliest() throws Exception {
        String topic = filledTopic("cli-lag");
        String group = "cli-" + UUID.randomUUID();
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        long[] committedAt = {5, 0, 17, PER_PARTITION};
        for (int p = 0; p < PARTITIONS; p++) {
            commits.put(new TopicPartition(topic, p), new OffsetAndMetadata(committedAt[p]));
        }
        Map<Integer, String> expectedLag = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            expectedLag.put(p, committedAt[p] + " " + PER_PARTITION + " " + (PER_PARTITION - committedAt[p]));
        }
        try (KafkaConsumer<byte[], byte[]> member = groupMember(group, "cli-member", "earliest")) {
            member.subscribe(List.of(topic));
            await("the member is assigned every partition").atMost(BOUND).pollInterval(Duration.ofMillis(1)).until(() -> {
                member.poll(Duration.ofMillis(100));
                return member.assignment().size() == PARTITIONS;
            });
            member.commitSync(commits);
            Map<Integer, String[]> rows = describe(group, topic);
            Map<Integer, String> lag = new TreeMap<>();
            rows.forEach((p, row) -> lag.put(p, row[3] + " " + row[4] + " " + row[5]));
            assertThat(lag).as("CURRENT-OFFSET LOG-END-OFFSET LAG per partition, with a member").isEqualTo(expectedLag);
            assertThat(rows.values()).as("CONSUMER-ID HOST CLIENT-ID of every partition")
                    .allSatisfy(row -> assertThat(row[6] + " " + row[7] + " " + row[8]).matches("cli-member-\\S+ /127\\.0\\.0\\.1 cli-member"));
        }
        Map<Integer, String> lagWhenEmpty = new TreeMap<>();
        describe(group, topic).forEach((p, row) -> lagWhenEmpty.put(p, row[3] + " " + row[4] + " " + row[5] + " " + row[6]));
        expectedLag.replaceAll((p, lag) -> lag + " -");
        assertThat(lagWhenEmpty).as("CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID per partition, the group empty").isEqualTo(expectedLag);

        CommandRunner.Result reset = KafkaCli.run(KafkaCli.CONSUMER_GROUPS, List.of("--bootstrap-server", cluster.bootstrap(),
                "--reset-offsets", "--group", group, "--topic", topic, "--to-earliest", "--execute"), TOOL_TIMEOUT);
        Map<Integer, Long> newOffsets = new TreeMap<>();
        for (String line : reset.stdoutLines()) {
            Matcher row = RESET_ROW.matcher(line);
            if (row.matches() && row.group(1).equals(group)) {
                newOffsets.put(Integer.parseInt(row.group(3)), Long.parseLong(row.group(4)));
            }
        }
        assertThat(newOffsets).as("NEW-OFFSET per partition that --reset-offsets printed:%n%s", reset.stdout())
                .isEqualTo(Map.of(0, 0L, 1, 0L, 2, 0L, 3, 0L));

        Map<String, Integer> seen = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> member = groupMember(group, "after-reset", "none")) {
            member.subscribe(List.of(topic));
            await("the member reads every record after the reset").atMost(BOUND).pollInterval(Duration.ofMillis(1)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : member.poll(Duration.ofMillis(100))) {
                    seen.merge(record.partition() + "-" + record.offset(), 1, Integer::sum);
                }
                return seen.size() >= PARTITIONS * PER_PARTITION;
            });
        }
        assertThat(seen).as("what a member of the reset group reads").isEqualTo(everyRecordOnce());
    }

    @Test
    void kafkaConsoleConsumerWithAGroupReadsFromTheBeginningAndCommits() throws Exception {
        String topic = filledTopic("console-group");
        String group = "console-" + UUID.randomUUID();
        int total = PARTITIONS * PER_PARTITION;
        CommandRunner.Result result = KafkaCli.run(KafkaCli.CONSOLE_CONSUMER, List.of("--bootstrap-server", cluster.bootstrap(),
                "--topic", topic, "--group", group, "--from-beginning", "--max-messages", Integer.toString(total),
                "--timeout-ms", "60000", "--property", "print.partition=true", "--property", "print.offset=true",
                "--consumer-property", "session.timeout.ms=10000"), TOOL_TIMEOUT);
        Pattern printed = Pattern.compile("Partition:(\\d+)\\s+Offset:(\\d+)\\s+(\\S+)");
        Map<String, Integer> seen = new TreeMap<>();
        for (String line : result.stdoutLines()) {
            Matcher m = printed.matcher(line);
            if (m.find()) {
                assertThat(m.group(3)).as("value at %s", line).isEqualTo(m.group(1) + "-" + m.group(2));
                seen.merge(m.group(1) + "-" + m.group(2), 1, Integer::sum);
            }
        }
        assertThat(seen).as("what kafka-console-consumer printed (stderr: %s)", result.stderr()).isEqualTo(everyRecordOnce());
        assertThat(result.stderr()).contains("Processed a total of " + total + " messages");
        assertThat(committedOffsets(group)).as("the console consumer's commits as it closed").isEqualTo(logEnds(topic));
    }

    /** {@code kafka-consumer-groups --describe} rows of {@code topic} by partition, each row split in its 9 columns. */
    private static Map<Integer, String[]> describe(String group, String topic) {
        CommandRunner.Result described = KafkaCli.run(KafkaCli.CONSUMER_GROUPS, List.of("--bootstrap-server", cluster.bootstrap(),
                "--describe", "--group", group), TOOL_TIMEOUT);
        Map<Integer, String[]> rows = new TreeMap<>();
        for (String line : described.stdoutLines()) {
            Matcher row = DESCRIBE_ROW.matcher(line);
            if (row.matches() && row.group(1).equals(group) && row.group(2).equals(topic)) {
                String[] columns = new String[9];
                for (int c = 0; c < 9; c++) {
                    columns[c] = row.group(c + 1);
                }
                rows.put(Integer.parseInt(row.group(3)), columns);
            }
        }
        assertThat(rows.keySet()).as("partitions --describe listed:%n%s", described.stdout()).hasSize(PARTITIONS);
        return rows;
    }

    /** A new topic of {@value #PARTITIONS} partitions, replicated three times, with record i of partition p valued {@code p-i}. */
    private static String filledTopic(String prefix) {
        String topic = prefix + "-" + UUID.randomUUID();
        Clients.createTopic(cluster.bootstrap(), topic, PARTITIONS, (short) 3, Map.of("min.insync.replicas", "2"));
        cluster.awaitTopics(Map.of(topic, PARTITIONS));
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.bootstrap())) {
            for (int p = 0; p < PARTITIONS; p++) {
                for (int i = 0; i < PER_PARTITION; i++) {
                    producer.send(new ProducerRecord<>(topic, p, null, (p + "-" + i).getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
        assertThat(logEnds(topic).values()).as("log ends of %s", topic).allMatch(end -> end == PER_PARTITION);
        return topic;
    }

    private static Map<String, Integer> everyRecordOnce() {
        Map<String, Integer> once = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            for (int i = 0; i < PER_PARTITION; i++) {
                once.put(p + "-" + i, 1);
            }
        }
        return once;
    }

    private static Map<TopicPartition, Long> logEnds(String topic) {
        return GroupOffsets.logEnds(cluster.bootstrap(), topic, PARTITIONS);
    }

    private static Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        return GroupOffsets.committedOffsets(cluster.bootstrap(), group);
    }

    private static KafkaConsumer<byte[], byte[]> groupMember(String group, String clientId, String autoOffsetReset) {
        return new KafkaConsumer<>(CommittingConsumer.groupConfig(cluster.bootstrap(), group, clientId, autoOffsetReset),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}

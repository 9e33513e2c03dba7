package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.E2eSettings;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code ./tributary} client commands, run through the real launcher (a process per command, as a
 * user types them) against a real cluster of three Tributary processes, and checked against what the
 * official admin client reports: a topic is created and described with the leader, replicas and ISR
 * the cluster has; records produced from stdin with keys come back from a group consumer; the group's
 * lag and a reset of its offsets show in {@code groups describe} and in the committed offsets;
 * {@code elect-leaders --preferred} moves leadership back to a restarted preferred replica; every
 * {@code --json} output parses; a missing topic is exit status 1 and one line; a bad command line is 2.
 *
 * <p>The cluster's own leader-imbalance check is off ({@code auto.leader.rebalance.enable=false}), so
 * only the command can move leadership back.
 */
@ExtendWith(TributaryExtension.class)
class CliTest {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TributaryCluster cluster;

    @BeforeAll
    static void startCluster(Nodes classNodes) {
        cluster = classNodes.cluster(3, Map.of("auto.leader.rebalance.enable", "false")).start();
    }

    @Test
    void createDescribeProduceConsumeInAGroupThenLagAndResetOffsets() throws Exception {
        String topic = "cli-orders";
        run("topics", "create", topic, "--partitions", "3", "--replication-factor", "3").requireSuccess();
        cluster.awaitTopics(Map.of(topic, 3));

        // describe: the same leader, replicas and ISR as the official admin client sees, as JSON and as a table.
        TopicDescription truth = describe(topic);
        JsonNode described = json(run("topics", "describe", topic, "--json")).get("topics").get(0);
        assertThat(described.get("partitionCount").asInt()).isEqualTo(3);
        assertThat(described.get("replicationFactor").asInt()).isEqualTo(3);
        for (TopicPartitionInfo p : truth.partitions()) {
            JsonNode partition = described.get("partitions").get(p.partition());
            assertThat(partition.get("leader").asInt()).as("leader of %d", p.partition()).isEqualTo(p.leader().id());
            assertThat(ints(partition.get("replicas"))).as("replicas of %d", p.partition()).isEqualTo(ids(p.replicas()));
            assertThat(ints(partition.get("isr"))).as("ISR of %d", p.partition()).containsExactlyInAnyOrderElementsOf(ids(p.isr()))
                    .hasSize(3).contains(p.leader().id());
            assertThat(ints(partition.get("offlineReplicas"))).isEmpty();
        }
        TopicPartitionInfo first = truth.partitions().get(0);
        assertThat(run("topics", "describe", topic).requireSuccess().stdoutLines())
                .anyMatch(line -> line.matches("0\\s+" + first.leader().id() + "\\s+" + joined(first.replicas()) + "\\s+\\S+\\s+-.*"));

        // produce from stdin, with keys; consume from the beginning in a group.
        List<String> lines = IntStream.range(0, 30).mapToObj(i -> "key-" + i + ":value-" + i).toList();
        JsonNode produced = json(runWithInput(String.join("\n", lines) + "\n", "produce", topic, "--key-separator", ":", "--json"));
        assertThat(produced.get("records").asInt()).isEqualTo(30);
        CommandRunner.Result consumed = run("consume", topic, "--group", "cli-group", "--from-beginning", "--max-messages", "30",
                "--format", "%k:%v").requireSuccess();
        assertThat(consumed.stdoutLines()).containsExactlyInAnyOrderElementsOf(lines);

        // 10 more records: the group, which committed what it printed, lags by 10.
        runWithInput(IntStream.range(30, 40).mapToObj(i -> "more-" + i).collect(Collectors.joining("\n")) + "\n", "produce", topic)
                .requireSuccess();
        JsonNode group = json(run("groups", "describe", "cli-group", "--json"));
        assertThat(group.get("totalLag").asLong()).isEqualTo(10);
        assertThat(group.get("state").asText()).isEqualTo("Empty");
        long committedSum = 0;
        for (JsonNode offset : group.get("offsets")) {
            assertThat(offset.get("logEndOffset").asLong() - offset.get("committedOffset").asLong()).isEqualTo(offset.get("lag").asLong());
            committedSum += offset.get("committedOffset").asLong();
        }
        assertThat(committedSum).as("offsets committed over the 3 partitions").isEqualTo(30);
        assertThat(json(run("groups", "list", "--json")).get("groups")).extracting(g -> g.get("group").asText()).contains("cli-group");

        // reset-offsets: a dry run changes nothing; --execute moves the group to the start.
        JsonNode plan = json(run("groups", "reset-offsets", "cli-group", "--topic", topic, "--to-earliest", "--dry-run", "--json"));
        assertThat(plan.get("executed").asBoolean()).isFalse();
        assertThat(plan.get("partitions")).extracting(p -> p.get("newOffset").asLong()).containsOnly(0L);
        assertThat(committed("cli-group").values().stream().mapToLong(Long::longValue).sum()).as("after the dry run").isEqualTo(30);
        run("groups", "reset-offsets", "cli-group", "--topic", topic, "--to-earliest", "--execute").requireSuccess();
        assertThat(committed("cli-group")).as("after --execute").hasSize(3).allSatisfy((tp, offset) -> assertThat(offset).isZero());
        assertThat(json(run("groups", "describe", "cli-group", "--json")).get("totalLag").asLong()).isEqualTo(40);
    }

    @Test
    void electLeadersMovesLeadershipBackToARestartedPreferredReplicaAndClusterShowsTheBalance() throws Exception {
        String topic = "cli-elect";
        run("topics", "create", topic, "--partitions", "3", "--replication-factor", "3").requireSuccess();
        cluster.awaitTopics(Map.of(topic, 3));
        int preferred = describe(topic).partitions().get(0).replicas().get(0).id();

        // A clean stop hands the broker's leaderships away; once back in every ISR it leads none of them.
        TributaryNode node = cluster.node(preferred);
        node.stop();
        node.restart();
        await("broker " + preferred + " back in the ISR of every partition of " + topic).atMost(SETTLE_TIMEOUT)
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> describe(topic).partitions().stream().allMatch(p -> ids(p.isr()).contains(preferred)));
        assertThat(describe(topic).partitions().get(0).leader().id()).as("leader of partition 0 before the election").isNotEqualTo(preferred);
        JsonNode before = json(run("cluster", "--json"));
        assertThat(before.get("notLedByPreferredReplica").asInt()).isPositive();

        JsonNode election = json(run("elect-leaders", "--preferred", "--topic", topic, "--json"));
        assertThat(election.get("failed").asInt()).isZero();
        assertThat(election.get("partitions")).filteredOn(p -> p.get("partition").asInt() == 0)
                .extracting(p -> p.get("result").asText()).containsExactly("elected");
        await("partition 0 led by its preferred replica " + preferred).atMost(SETTLE_TIMEOUT)
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> describe(topic).partitions().get(0).leader().id() == preferred);

        JsonNode after = json(run("cluster", "--json"));
        assertThat(after.get("controller").asInt()).isEqualTo(cluster.activeController());
        assertThat(after.get("brokers")).extracting(b -> b.get("id").asInt()).containsExactly(1, 2, 3);
        assertThat(after.get("underReplicatedPartitions").asInt()).isZero();
        assertThat(after.get("offlinePartitions").asInt()).isZero();
        int leaders = 0;
        for (JsonNode broker : after.get("brokers")) {
            assertThat(broker.get("alive").asBoolean()).isTrue();
            leaders += broker.get("leaders").asInt();
        }
        assertThat(leaders).as("every partition led once").isEqualTo(after.get("partitions").asInt());
    }

    @Test
    void clusterRebalanceProposesThenMovesReplicasOntoTheBrokerThatHadNone() throws Exception {
        String topic = "cli-rebalance";
        Map<Integer, List<Integer>> onOneAndTwo = new java.util.TreeMap<>();
        for (int p = 0; p < 6; p++) {
            onOneAndTwo.put(p, p % 2 == 0 ? List.of(1, 2) : List.of(2, 1));
        }
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, onOneAndTwo))).all()
                    .get(Clients.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        cluster.awaitTopics(Map.of(topic, 6));

        JsonNode proposal = json(run("cluster", "rebalance", "--topic", topic, "--json"));
        assertThat(proposal.get("execute").asBoolean()).isFalse();
        assertThat(proposal.get("moves")).isNotEmpty();
        assertThat(describe(topic).partitions()).as("a proposal moves nothing")
                .allSatisfy(p -> assertThat(ids(p.replicas())).doesNotContain(3));

        JsonNode done = json(run("cluster", "rebalance", "--topic", topic, "--execute", "--json"));
        assertThat(done.get("moved").asInt()).isEqualTo(proposal.get("moves").size());
        assertThat(done.get("refused")).isEmpty();
        Map<Integer, Integer> replicas = new java.util.HashMap<>();
        Map<Integer, Integer> preferred = new java.util.HashMap<>();
        for (TopicPartitionInfo p : describe(topic).partitions()) {
            ids(p.replicas()).forEach(b -> replicas.merge(b, 1, Integer::sum));
            preferred.merge(p.replicas().get(0).id(), 1, Integer::sum);
        }
        assertThat(replicas).containsEntry(1, 4).containsEntry(2, 4).containsEntry(3, 4);
        assertThat(preferred).containsEntry(1, 2).containsEntry(2, 2).containsEntry(3, 2);
        assertThat(json(run("cluster", "rebalance", "--topic", topic, "--json")).get("moves")).as("balanced now").isEmpty();
    }

    @Test
    void aTopicThatDoesNotExistIsExitStatusOneAndOneLineAndABadCommandLineIsTwo() {
        for (List<String> command : List.of(List.of("topics", "describe", "cli-nosuch"), List.of("consume", "cli-nosuch"))) {
            CommandRunner.Result result = run(command.toArray(String[]::new));
            assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
            assertThat(result.stderr()).as(result.describe()).isEqualTo("tributary: topic 'cli-nosuch' does not exist\n");
            assertThat(result.stdout()).as(result.describe()).isEmpty();
        }
        CommandRunner.Result usage = run("topics", "create");
        assertThat(usage.exitCode()).as(usage.describe()).isEqualTo(2);
        assertThat(usage.stderr()).as(usage.describe()).startsWith("tributary: Missing required parameter: 'TOPIC'");
    }

    // ---------------------------------------------------------------------------------------------

    /** {@code ./tributary ARGS --bootstrap-server CLUSTER}, through the launcher at the repository root. */
    private static CommandRunner.Result run(String... args) {
        return runWithInput("", args);
    }

    private static CommandRunner.Result runWithInput(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(E2eSettings.repoDir().resolve("tributary").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("--bootstrap-server", cluster.bootstrap()));
        return CommandRunner.run(command, E2eSettings.repoDir(), stdin.getBytes(StandardCharsets.UTF_8), COMMAND_TIMEOUT);
    }

    /** The command's stdout as JSON, parsed by Jackson: the test does not trust the CLI's own writer. */
    private static JsonNode json(CommandRunner.Result result) throws Exception {
        result.requireSuccess();
        return JSON.readTree(result.stdout());
    }

    private static TopicDescription describe(String topic) throws Exception {
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(Clients.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        }
    }

    private static Map<TopicPartition, Long> committed(String group) throws Exception {
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(Clients.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((tp, om) -> committed.put(tp, om.offset()));
            return committed;
        }
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asInt()));
        return values;
    }

    private static String joined(List<Node> nodes) {
        return nodes.stream().map(n -> Integer.toString(n.id())).collect(Collectors.joining(","));
    }
}

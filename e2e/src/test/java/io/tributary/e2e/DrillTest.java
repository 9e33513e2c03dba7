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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./tributary drill} through the real launcher against a real cluster of three Tributary
 * processes: the drill's {@code --kill-command} SIGKILLs the leader's process (through a pid file
 * per broker, as an operator's command would reach a host), and its JSON report is checked against
 * the cluster: the leader it names was really killed, a new one leads, no acknowledged record was
 * lost with acks=all and idempotence, and the throwaway topic is gone.
 *
 * <p>The window bound is generous on purpose (a loaded CI machine); the speed belongs in bench.
 */
@ExtendWith(TributaryExtension.class)
class DrillTest {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final long WINDOW_BOUND_MS = 20_000;

    @Test
    void aKilledLeaderLosesNoAcknowledgedRecordWithAcksAllAndTheReportSaysWhoLedAndForHowLongNobodyDid(Nodes nodes, @TempDir Path pids)
            throws Exception {
        TributaryCluster cluster = nodes.startCluster(3);
        for (TributaryNode node : cluster.nodes()) {
            Files.writeString(pids.resolve(Integer.toString(node.nodeId())), Long.toString(node.pid()));
        }
        CommandRunner.Result result = CommandRunner.run(List.of(E2eSettings.repoDir().resolve("tributary").toString(), "drill",
                "--bootstrap-server", cluster.bootstrap(), "--kill-command", "kill -9 $(cat " + pids + "/{broker})",
                "--topic", "drill-e2e", "--rate", "200", "--duration-ms", "3000", "--json"),
                E2eSettings.repoDir(), new byte[0], COMMAND_TIMEOUT);
        // The report in the test's output, for whoever reads a CI run: the figures, not only pass or fail.
        System.out.println("DRILL REPORT " + result.stdout());
        assertThat(result.exitCode()).as(result.describe()).isZero();
        JsonNode report = new ObjectMapper().readTree(result.stdout());

        int oldLeader = report.get("oldLeader").asInt();
        assertThat(cluster.node(oldLeader).isAlive()).as("broker %d was killed for real: %s", oldLeader, result.describe()).isFalse();
        assertThat(report.get("verdict").asText()).isEqualTo("passed");
        assertThat(report.get("replicationFactor").asInt()).isEqualTo(3);
        assertThat(report.get("minInsyncReplicas").asInt()).isEqualTo(2);
        assertThat(report.get("acks").asText()).isEqualTo("all");
        assertThat(report.get("idempotence").asBoolean()).isTrue();
        assertThat(report.get("newLeader").asInt()).as(result.stdout()).isIn(1, 2, 3).isNotEqualTo(oldLeader);
        assertThat(report.get("newLeaderVisibleMs").isNumber()).as(result.stdout()).isTrue();

        JsonNode records = report.get("records");
        assertThat(records.get("acknowledged").asLong()).as(result.stdout()).isGreaterThan(300);
        assertThat(records.get("lost").asLong()).as(result.stdout()).isZero();
        assertThat(records.get("duplicates").asLong()).as(result.stdout()).isZero();
        assertThat(records.get("reordered").asLong()).as(result.stdout()).isZero();
        assertThat(records.get("consumed").asLong()).as(result.stdout()).isGreaterThanOrEqualTo(records.get("acknowledged").asLong());

        JsonNode window = report.get("partitionWindows").get(0);
        assertThat(window.get("leaderBefore").asInt()).isEqualTo(oldLeader);
        assertThat(window.get("lastAckBeforeMs").asLong()).as(result.stdout()).isLessThan(window.get("firstAckAfterMs").asLong());
        assertThat(report.get("unavailableMs").asLong()).as(result.stdout()).isPositive().isLessThan(WINDOW_BOUND_MS);

        assertThat(report.get("topicDeleted").asBoolean()).isTrue();
        try (Admin admin = Clients.admin(cluster.runningBootstrap())) {
            await("the drill's topic gone from the metadata").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> !admin.listTopics().names().get().contains("drill-e2e"));
        }
        assertThat(result.stderr()).as("no error lines").doesNotContain("tributary:");
    }
}

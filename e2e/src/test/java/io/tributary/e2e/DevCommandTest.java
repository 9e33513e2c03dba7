package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.e2e.harness.BrokerConnection;
import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.E2eSettings;
import io.tributary.e2e.harness.ExternalTools;
import io.tributary.e2e.harness.FreePorts;
import io.tributary.e2e.harness.KafkaCli;
import io.tributary.e2e.harness.MetadataView;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./tributary dev}, the README's first command, run through the launcher as a new user runs it.
 * The banner appears only once the cluster is ready: at that very moment every node answers, and
 * lists every broker, on the first try. The banner's kcat commands work as printed, the group
 * consumer included. In a three-node cluster the banner's {@code ./tributary drill} line kills the
 * leader of its topic through dev's pid files, loses nothing acknowledged; the killed node is reported and comes back,
 * on its data, when the user types {@code restart N} (or at once under {@code --restart-crashed});
 * ports follow {@code --port}; SIGTERM to dev stops every node, and a second start finds the data.
 */
class DevCommandTest {
    private static final String DEMO_GROUP = "demo-group";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    /** One attempt, no retry: the banner promised a serving cluster. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    @Test
    void devWithOneNodePrintsItsBannerWhenItServesAndTheBannersCommandsWork(@TempDir Path dir) throws Exception {
        assumeLocalNodes();
        int port = FreePorts.next();
        Path dataDir = dir.resolve("dev-data");
        try (DevProcess dev = DevProcess.start(dir, dir.resolve("dev.out"),
                List.of("--nodes", "1", "--port", Integer.toString(port), "--data-dir", dataDir.toString()))) {
            try {
                String banner = dev.awaitBanner(START_TIMEOUT);
                assertServesAtOnce(List.of(port), List.of(1));
                String bootstrap = "localhost:" + port;
                assertThat(banner).as("what dev prints").contains(bootstrap, dataDir.toString());
                runBannersCommands(banner, dir);

                List<SampleRecord> sent = SampleRecord.generate("dev", 20, System.currentTimeMillis());
                try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap)) {
                    SampleRecord.produceAll(producer, "records", 0, sent);
                }
                SampleRecord.assertReadBack(Clients.readToEnd(bootstrap, new TopicPartition("records", 0), 0,
                        Duration.ofSeconds(30)), sent, 0);
                try (var files = Files.walk(dataDir)) {
                    assertThat(files.map(Path::getFileName).map(Path::toString))
                            .as("files under the data directory dev printed").contains("records-0");
                }
                dev.process().destroy();
                assertThat(dev.process().waitFor(30, TimeUnit.SECONDS)).as("dev exits within 30s of SIGTERM").isTrue();
                assertThat(dev.process().exitValue()).as("exit code after SIGTERM").isIn(0, 143);
            } catch (AssertionError | Exception e) {
                e.addSuppressed(new Exception(dev.tail()));
                throw e;
            }
        }
    }

    @Test
    void devWithThreeNodesIsReadyAtItsBannerRestartsAKilledNodeOnRequestAndFindsItsDataAgain(@TempDir Path dir) throws Exception {
        assumeLocalNodes();
        int port = freeDevPorts(3);
        List<Integer> ports = List.of(port, port + 1, port + 2);
        Path dataDir = dir.resolve("dev-cluster");
        String bootstrap = "localhost:" + port + ",localhost:" + (port + 1) + ",localhost:" + (port + 2);
        List<SampleRecord> sent = SampleRecord.generate("dev-cluster", 20, System.currentTimeMillis());
        List<String> args = List.of("--nodes", "3", "--port", Integer.toString(port), "--data-dir", dataDir.toString());

        long startNs = System.nanoTime();
        try (DevProcess dev = DevProcess.start(dir, dir.resolve("dev-1.out"), args)) {
            try {
                String banner = dev.awaitBanner(START_TIMEOUT);
                phase(startNs, "banner");
                dev.output().lines().filter(l -> l.startsWith("waiting for") || l.startsWith("cluster ready")).forEach(System.out::println);
                assertServesAtOnce(ports, List.of(1, 2, 3));
                assertThat(banner).as("what dev --nodes 3 prints").contains("bootstrap servers : " + bootstrap,
                        "controller quorum : 1@localhost:" + (port + 100) + ",2@localhost:" + (port + 101) + ",3@localhost:" + (port + 102),
                        dataDir.toString(), "restart 2", "metrics           : http://localhost:" + (port + 200) + "/metrics",
                        "console           : http://localhost:" + (port + 200) + "/");
                assertServesMetrics(port + 201);
                for (int id = 1; id <= 3; id++) {
                    assertThat(Files.readString(dataDir.resolve("node-" + id).resolve("server.properties")))
                            .as("node %d's listeners, derived from --port", id)
                            .contains("listeners=PLAINTEXT://localhost:" + (port + id - 1) + ",CONTROLLER://localhost:" + (port + 99 + id));
                }
                runBannersCommands(banner, dir);
                phase(startNs, "banner's commands ran");
                try (Admin admin = Clients.admin(bootstrap)) {
                    assertThat(admin.describeCluster().controller().get(30, TimeUnit.SECONDS).id()).as("controller").isBetween(1, 3);
                }
                try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap)) {
                    SampleRecord.produceAll(producer, "records", 0, sent);
                }

                // The failover drill, as the banner prints it: ./tributary drill finds the leader's process
                // through dev's pid files and SIGKILLs it; dev says how to bring it back, and does so on request.
                List<Long> pidsBefore = List.of(dev.node(1).pid(), dev.node(2).pid(), dev.node(3).pid());
                int victim = runBannersDrill(banner);
                phase(startNs, "the banner's drill ran");
                long killedPid = pidsBefore.get(victim - 1);
                dev.awaitOutput("dev reports node " + victim + "'s crash and offers the restart", RESTART_TIMEOUT,
                        text -> text.contains("node " + victim + " exited with status 137") && text.contains("type 'restart " + victim + "'"));
                dev.type("restart " + victim);
                phase(startNs, "node " + victim + "'s crash reported");
                dev.awaitOutput("dev restarts node " + victim, RESTART_TIMEOUT, text -> text.contains("node " + victim + " is serving again"));
                phase(startNs, "node " + victim + " serves again");
                assertThat(dev.node(victim).pid()).as("node %d's new process", victim).isNotEqualTo(killedPid);
                assertServesAtOnce(ports, List.of(1, 2, 3));
                SampleRecord.assertReadBack(Clients.readToEnd(bootstrap, new TopicPartition("records", 0), 0,
                        Duration.ofSeconds(30)), sent, 0);
                dev.stop(3);
                phase(startNs, "dev stopped");
            } catch (AssertionError | Exception e) {
                e.addSuppressed(new Exception(dev.tail()));
                throw e;
            }
        }

        // A second start on the same directory is the same cluster: same controller ports, same topics.
        // Under --restart-crashed a crashed node comes back by itself.
        List<String> restarting = new ArrayList<>(args);
        restarting.add("--restart-crashed");
        try (DevProcess dev = DevProcess.start(dir, dir.resolve("dev-2.out"), restarting)) {
            try {
                dev.awaitBanner(START_TIMEOUT);
                phase(startNs, "second banner");
                assertServesAtOnce(ports, List.of(1, 2, 3));
                SampleRecord.assertReadBack(Clients.readToEnd(bootstrap, new TopicPartition("records", 0), 0,
                        Duration.ofSeconds(30)), sent, 0);
                ProcessHandle node3 = dev.node(3);
                node3.destroyForcibly();
                dev.awaitOutput("dev restarts node 3 by itself", RESTART_TIMEOUT,
                        text -> text.contains("restarting node 3 on its data") && text.contains("node 3 is serving again"));
                phase(startNs, "node 3 restarted by itself");
                assertThat(dev.node(3).pid()).as("node 3's new process").isNotEqualTo(node3.pid());
                dev.stop(3);
                phase(startNs, "second dev stopped");
            } catch (AssertionError | Exception e) {
                e.addSuppressed(new Exception(dev.tail()));
                throw e;
            }
        }
    }

    /** How long each step took, for reading a slow CI run. */
    private static void phase(long startNs, String what) {
        System.out.printf("DEV PHASE %.1f s: %s%n", (System.nanoTime() - startNs) / 1e9, what);
    }

    private static void assumeLocalNodes() {
        Assumptions.assumeFalse(E2eSettings.externalBootstrap().isPresent() || E2eSettings.nodeCommandOverridden(),
                "runs the dev command itself");
    }

    /**
     * One Metadata request to each port, each on its first connection attempt: every node accepts and
     * lists exactly {@code brokerIds}, with an active controller.
     */
    private static void assertServesAtOnce(List<Integer> ports, List<Integer> brokerIds) {
        for (int port : ports) {
            MetadataView view = MetadataView.of(BrokerConnection.metadataOf("localhost:" + port, List.of(), PROBE_TIMEOUT));
            assertThat(view.brokerIds()).as("brokers localhost:%d lists at once", port).isEqualTo(brokerIds);
            assertThat(view.controllerId()).as("active controller localhost:%d names at once", port).isIn(brokerIds);
        }
    }

    /**
     * Runs the banner's kcat lines as printed, in order (list, produce, read, read as a group): each
     * must exit 0, and both readers must print what the producer wrote. Then the banner's
     * kafka-console-consumer line (Kafka's own tool, from the test's class path) as a group consumer,
     * told to stop after one record and in a group of its own, since kcat's group has committed its
     * offsets by then.
     */
    /**
     * Runs the banner's {@code ./tributary drill} line, short, from the repository root, and returns
     * the broker it killed; the drill itself must pass (nothing acknowledged lost, a new leader).
     */
    private static int runBannersDrill(String banner) throws IOException {
        List<String> lines = banner.lines().map(String::trim).filter(l -> l.startsWith("./tributary drill")).toList();
        assertThat(lines).as("the drill line in the banner").hasSize(1);
        CommandRunner.Result result = CommandRunner.run(List.of("sh", "-c", lines.get(0) + " --duration-ms 2000 --rate 100 --json"),
                E2eSettings.repoDir(), new byte[0], Duration.ofSeconds(120));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        JsonNode report = new ObjectMapper().readTree(result.stdout());
        assertThat(report.get("failure").get("how").asText()).as(result.stdout()).startsWith("SIGKILL to ./tributary dev's node");
        assertThat(report.get("records").get("lost").asLong()).as(result.stdout()).isZero();
        assertThat(report.get("newLeader").asInt()).as(result.stdout()).isNotEqualTo(report.get("oldLeader").asInt());
        return report.get("oldLeader").asInt();
    }

    private static void runBannersCommands(String banner, Path workDir) {
        ExternalTools.require("kcat", "install Debian's kcat package");
        List<String> lines = banner.lines().map(String::trim)
                .filter(l -> l.startsWith("kcat ") || l.startsWith("echo hello | kcat ")).toList();
        assertThat(lines).as("kcat commands in the banner").hasSize(4).anyMatch(l -> l.contains(" -G "));
        for (String line : lines) {
            CommandRunner.Result result = CommandRunner.run(List.of("bash", "-c", line), workDir, new byte[0], COMMAND_TIMEOUT);
            assertThat(result.exitCode()).as("exit code of the banner's command: " + result.describe()).isZero();
            if (line.contains(" -C ") || line.contains(" -G ")) {
                assertThat(result.stdout()).as("what the banner's reader printed: " + result.describe()).contains("hello");
            }
        }
        String consoleConsumer = banner.lines().map(String::trim).filter(l -> l.startsWith("kafka-console-consumer.sh ")).findFirst()
                .orElseThrow(() -> new AssertionError("no kafka-console-consumer line in the banner:\n" + banner));
        assertThat(consoleConsumer).as("the banner's console consumer").contains("--group " + DEMO_GROUP, "--from-beginning");
        List<String> words = List.of(consoleConsumer.replace("--group " + DEMO_GROUP, "--group " + DEMO_GROUP + "-console").split("\\s+"));
        List<String> args = new ArrayList<>(words.subList(1, words.size()));
        args.addAll(List.of("--max-messages", "1", "--timeout-ms", "30000"));
        CommandRunner.Result result = KafkaCli.run(KafkaCli.CONSOLE_CONSUMER, args, COMMAND_TIMEOUT);
        assertThat(result.stdout()).as("what the banner's kafka-console-consumer printed: " + result.describe()).contains("hello");
    }

    /** The first of {@code nodes} consecutive client ports whose CONTROLLER ports (+100) are free too. */
    /** The node's HTTP listener, which dev turns on, answers a Prometheus scrape. */
    private static void assertServesMetrics(int httpPort) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + httpPort + "/metrics"))
                        .timeout(Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET /metrics on port %d", httpPort).isEqualTo(200);
        assertThat(r.body()).contains("kafka_server_replicamanager_underreplicatedpartitions");
    }

    private static int freeDevPorts(int nodes) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = FreePorts.next();
            boolean free = port + 200 + nodes <= 65535;
            for (int i = 0; i < nodes && free; i++) {
                free = (i == 0 || bindable(port + i)) && bindable(port + 100 + i) && bindable(port + 200 + i);
            }
            if (free) {
                return port;
            }
        }
        throw new IllegalStateException("no free dev port layout found");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

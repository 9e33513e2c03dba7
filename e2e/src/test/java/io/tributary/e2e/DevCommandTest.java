package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.E2eSettings;
import io.tributary.e2e.harness.FreePorts;
import io.tributary.e2e.harness.ProcessReaper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tributary dev}, the README's first command: it prints where to connect and where its data
 * and log are, a client that connects there can produce to a topic that does not exist yet (the dev
 * node creates topics on demand) and read it back, and SIGTERM stops it. With {@code --nodes 1} that
 * is one node in the dev process; with {@code --nodes 3}, three node processes forming one cluster,
 * all of which stop on one SIGTERM to dev, and which find their topics and records again when dev is
 * started again on the same directory.
 */
class DevCommandTest {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLUSTER_START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void devWithOneNodePrintsWhereToConnectAndServesClients(@TempDir Path dir) throws Exception {
        Assumptions.assumeFalse(E2eSettings.externalBootstrap().isPresent() || E2eSettings.nodeCommandOverridden(),
                "runs the broker jar's dev command itself");
        int port = FreePorts.next();
        Path dataDir = dir.resolve("dev-data");
        Path output = dir.resolve("dev.out");
        List<String> command = new ArrayList<>(E2eSettings.tributaryCommand());
        command.addAll(List.of("dev", "--nodes", "1", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        ProcessReaper.track(process);
        try {
            String bootstrap = "localhost:" + port;
            await("dev prints its bootstrap address").atMost(START_TIMEOUT)
                    .failFast("dev exited", () -> !process.isAlive())
                    .until(() -> read(output).contains(bootstrap));
            String banner = read(output);
            assertThat(banner).as("what dev prints").contains(bootstrap, dataDir.toString());

            List<SampleRecord> sent = SampleRecord.generate("dev", 20, System.currentTimeMillis());
            try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap)) {
                SampleRecord.produceAll(producer, "demo", 0, sent);
            }
            SampleRecord.assertReadBack(Clients.readToEnd(bootstrap, new TopicPartition("demo", 0), 0,
                    Duration.ofSeconds(30)), sent, 0);
            try (var files = Files.walk(dataDir)) {
                assertThat(files.map(Path::getFileName).map(Path::toString))
                        .as("files under the data directory dev printed").contains("demo-0");
            }

            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("dev exits within 30s of SIGTERM").isTrue();
            assertThat(process.exitValue()).as("exit code after SIGTERM").isIn(0, 143);
        } catch (AssertionError | Exception e) {
            e.addSuppressed(new Exception("output of " + String.join(" ", command) + ":\n" + tail(output)));
            throw e;
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void devWithThreeNodesRunsAClusterOfThreeProcessesThatStopsAndRestartsWithItsData(@TempDir Path dir) throws Exception {
        Assumptions.assumeFalse(E2eSettings.externalBootstrap().isPresent() || E2eSettings.nodeCommandOverridden(),
                "runs the broker jar's dev command itself");
        int port = threeFreePortsInARow();
        Path dataDir = dir.resolve("dev-cluster");
        String bootstrap = "localhost:" + port + ",localhost:" + (port + 1) + ",localhost:" + (port + 2);
        List<SampleRecord> sent = SampleRecord.generate("dev-cluster", 20, System.currentTimeMillis());

        Path firstOutput = dir.resolve("dev-1.out");
        Process first = startDevCluster(port, dataDir, firstOutput, dir);
        try {
            awaitServing(first, firstOutput, port);
            assertThat(read(firstOutput)).as("what dev --nodes 3 prints")
                    .contains("bootstrap servers : " + bootstrap, "controller quorum : 1@localhost:", dataDir.toString());
            try (Admin admin = Clients.admin(bootstrap)) {
                DescribeClusterResult cluster = admin.describeCluster();
                assertThat(cluster.nodes().get(30, TimeUnit.SECONDS)).as("brokers of the dev cluster")
                        .extracting(n -> n.id() + "@" + n.host() + ":" + n.port())
                        .containsExactlyInAnyOrder("1@localhost:" + port, "2@localhost:" + (port + 1), "3@localhost:" + (port + 2));
                assertThat(cluster.controller().get(30, TimeUnit.SECONDS).id()).as("controller").isBetween(1, 3);
            }
            try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap)) {
                SampleRecord.produceAll(producer, "demo", 0, sent);
            }
            SampleRecord.assertReadBack(Clients.readToEnd(bootstrap, new TopicPartition("demo", 0), 0,
                    Duration.ofSeconds(30)), sent, 0);
            stopDev(first, firstOutput);
        } catch (AssertionError | Exception e) {
            e.addSuppressed(new Exception("output of the first dev --nodes 3:\n" + tail(firstOutput)));
            throw e;
        } finally {
            destroyWithNodes(first);
        }

        // A second start on the same directory is the same cluster: same controller ports, same topics.
        Path secondOutput = dir.resolve("dev-2.out");
        Process second = startDevCluster(port, dataDir, secondOutput, dir);
        try {
            awaitServing(second, secondOutput, port);
            SampleRecord.assertReadBack(Clients.readToEnd(bootstrap, new TopicPartition("demo", 0), 0,
                    Duration.ofSeconds(30)), sent, 0);
            stopDev(second, secondOutput);
        } catch (AssertionError | Exception e) {
            e.addSuppressed(new Exception("output of the second dev --nodes 3:\n" + tail(secondOutput)));
            throw e;
        } finally {
            destroyWithNodes(second);
        }
    }

    private static Process startDevCluster(int port, Path dataDir, Path output, Path workDir) throws IOException {
        List<String> command = new ArrayList<>(E2eSettings.tributaryCommand());
        command.addAll(List.of("dev", "--nodes", "3", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        ProcessReaper.track(process);
        return process;
    }

    private static void awaitServing(Process dev, Path output, int port) {
        await("dev --nodes 3 reports every node serving").atMost(CLUSTER_START_TIMEOUT)
                .failFast("dev exited", () -> !dev.isAlive())
                .until(() -> {
                    String text = read(output);
                    return text.contains("node 1 is serving on localhost:" + port)
                            && text.contains("node 2 is serving on localhost:" + (port + 1))
                            && text.contains("node 3 is serving on localhost:" + (port + 2));
                });
        // dev's node processes are its children; the harness must be able to kill them if dev dies.
        dev.descendants().forEach(ProcessReaper::track);
    }

    /**
     * SIGTERM to dev alone: it stops every node cleanly and exits once they all have (with 143, as any
     * JVM ended by SIGTERM does, or 0).
     */
    private static void stopDev(Process dev, Path output) throws Exception {
        List<ProcessHandle> nodes = dev.descendants().filter(p -> p.info().command().orElse("").contains("java")).toList();
        assertThat(nodes).as("node processes dev started").hasSize(3);
        dev.destroy();
        assertThat(dev.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("dev exits within %s of SIGTERM", STOP_TIMEOUT).isTrue();
        assertThat(dev.exitValue()).as("dev's exit code after SIGTERM").isIn(0, 143);
        assertThat(nodes).as("node processes still alive after dev exited").noneMatch(ProcessHandle::isAlive);
        assertThat(read(output)).contains("every node stopped");
    }

    private static void destroyWithNodes(Process dev) {
        dev.descendants().forEach(ProcessHandle::destroyForcibly);
        dev.destroyForcibly();
    }

    /** The first of three consecutive loopback ports that were free a moment ago (dev puts node N on PORT+N-1). */
    private static int threeFreePortsInARow() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = FreePorts.next();
            if (port + 2 <= 65535 && bindable(port + 1) && bindable(port + 2)) {
                return port;
            }
        }
        throw new IllegalStateException("no three free consecutive loopback ports found");
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

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}

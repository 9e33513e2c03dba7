package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.E2eSettings;
import io.tributary.e2e.harness.FreePorts;
import io.tributary.e2e.harness.ProcessReaper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tributary dev}, the README's first command: it prints where to connect and where its data
 * and log are, a client that connects there can produce to a topic that does not exist yet (the dev
 * node creates topics on demand) and read it back, and SIGTERM stops it.
 */
class DevCommandTest {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void devPrintsWhereToConnectAndServesClients(@TempDir Path dir) throws Exception {
        Assumptions.assumeFalse(E2eSettings.externalBootstrap().isPresent() || E2eSettings.nodeCommandOverridden(),
                "runs the broker jar's dev command itself");
        int port = FreePorts.next();
        Path dataDir = dir.resolve("dev-data");
        Path output = dir.resolve("dev.out");
        List<String> command = new ArrayList<>(E2eSettings.tributaryCommand());
        command.addAll(List.of("dev", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
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

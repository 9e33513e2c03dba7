package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.E2eSettings;
import io.tributary.e2e.harness.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A node process given a wrong quorum config refuses to start: it exits with a non-zero status
 * within seconds, prints one line that names the key to fix (no stack trace), and writes nothing
 * into its data directory. Each case changes one thing in an otherwise valid config of node 1 of a
 * three-voter cluster (the shape {@code TributaryCluster} generates).
 */
class QuorumConfigRefusalTest {
    private static final Duration EXIT_BOUND = Duration.ofSeconds(30);
    private static int clientPort;
    private static int[] controllerPorts;

    @BeforeAll
    static void reservePorts() {
        Assumptions.assumeFalse(E2eSettings.externalBootstrap().isPresent() || E2eSettings.nodeCommandOverridden(),
                "runs the broker jar itself and checks what it prints");
        clientPort = FreePorts.next();
        controllerPorts = new int[] {FreePorts.next(), FreePorts.next(), FreePorts.next()};
    }

    static Stream<Arguments> wrongConfigs() {
        return Stream.of(
                Arguments.of("node.id not among the voters", "node.id",
                        Map.of("node.id", "4")),
                Arguments.of("a voter id listed twice", "controller.quorum.voters",
                        Map.of("controller.quorum.voters", voter(1, 0) + "," + voter(1, 1) + "," + voter(3, 2))),
                Arguments.of("a voter entry without a port", "controller.quorum.voters",
                        Map.of("controller.quorum.voters", voter(1, 0) + ",2@127.0.0.1," + voter(3, 2))),
                Arguments.of("a voter entry whose id is not a number", "controller.quorum.voters",
                        Map.of("controller.quorum.voters", voter(1, 0) + ",two@127.0.0.1:" + controllerPorts[1] + "," + voter(3, 2))),
                Arguments.of("no CONTROLLER listener in listeners", "controller.listener.names",
                        Map.of("listeners", "PLAINTEXT://127.0.0.1:" + clientPort)),
                Arguments.of("no controller.listener.names", "controller.listener.names",
                        Map.of("controller.listener.names", "")),
                Arguments.of("the CONTROLLER listener on another port than the node's voter entry", "controller.quorum.voters",
                        Map.of("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPorts[1])),
                Arguments.of("a broker-only node that lists the CONTROLLER listener", "listeners",
                        Map.of("process.roles", "broker", "node.id", "4")),
                Arguments.of("a controller-only node that lists a client listener", "listeners",
                        Map.of("process.roles", "controller")),
                Arguments.of("a voter that is not a controller", "node.id",
                        Map.of("process.roles", "broker", "listeners", "PLAINTEXT://127.0.0.1:" + clientPort)),
                Arguments.of("a CONTROLLER listener mapped to a protocol other than PLAINTEXT", "listener.security.protocol.map",
                        Map.of("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:SSL")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongConfigs")
    void aWrongQuorumConfigIsRefusedWithAnErrorNamingTheKey(String what, String key, Map<String, String> change,
                                                           @TempDir Path dir) throws IOException {
        Map<String, String> properties = validConfig(dir.resolve("data"));
        properties.putAll(change);
        Path file = dir.resolve("node.properties");
        StringBuilder text = new StringBuilder();
        properties.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(E2eSettings.nodeCommand());
        command.add(file.toString());

        CommandRunner.Result result = CommandRunner.run(command, dir, new byte[0], EXIT_BOUND);

        String output = result.stdout() + result.stderr();
        assertThat(result.exitCode()).as("exit status with %s:%n%s", what, result.describe()).isNotZero();
        assertThat(output).as("what the node printed with %s", what)
                .contains("for configuration " + key + ":")
                .doesNotContain("\tat ", "Exception in thread");
        try (Stream<Path> written = Files.exists(dir.resolve("data")) ? Files.list(dir.resolve("data")) : Stream.empty()) {
            assertThat(written).as("files the refused node wrote into its data directory").isEmpty();
        }
    }

    private static Map<String, String> validConfig(Path dataDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", voter(1, 0) + "," + voter(2, 1) + "," + voter(3, 2));
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPorts[0]);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        return p;
    }

    private static String voter(int id, int portIndex) {
        return id + "@127.0.0.1:" + controllerPorts[portIndex];
    }
}

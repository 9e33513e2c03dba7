package io.tributary.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two ways the drill makes a broker fail, on real processes: the user's command with its
 * placeholders, and a signal to ./tributary dev's node through its pid file.
 */
class FailureTest {
    @TempDir
    Path dir;

    @Test
    void theKillCommandGetsThePlaceholdersAndAFailingCommandIsOneLineWithItsLastOutput() throws Exception {
        Path marker = dir.resolve("marker");
        new Failure.Command("echo {broker} {host} {port} {signal} > " + marker, Failure.Signal.TERM, 10_000).fail(2, "h2", 9093);
        assertThat(Files.readString(marker)).isEqualTo("2 h2 9093 TERM\n");

        assertThatThrownBy(() -> new Failure.Command("echo no such host {host} >&2; exit 7", Failure.Signal.KILL, 10_000).fail(1, "h1", 1))
                .isInstanceOf(CliException.class)
                .hasMessage("--kill-command 'echo no such host h1 >&2; exit 7' exited with status 7: no such host h1");
    }

    @Test
    void devsNodeIsSignalledThroughItsPidFile() throws Exception {
        // A stand-in for dev's node 2: a process whose command line names node-2/server.properties, as dev's nodes' do.
        Path config = Files.createDirectories(dir.resolve("node-2")).resolve("server.properties");
        Files.writeString(config, "node.id=2\n");
        Process impostor = new ProcessBuilder("sleep", "120").start();
        Process sleeper = new ProcessBuilder("tail", "-f", config.toString()).start();
        try {
            Files.writeString(dir.resolve("node-2").resolve("pid"), impostor.pid() + "\n");
            assertThatThrownBy(() -> new Failure.DevNode(dir, Failure.Signal.KILL).fail(2, "localhost", 9093))
                    .as("a live pid that is not dev's node 2 is not signalled").isInstanceOf(CliException.class)
                    .hasMessageContaining("is not dev's node 2");
            assertThat(impostor.isAlive()).isTrue();

            Files.writeString(dir.resolve("node-2").resolve("pid"), sleeper.pid() + "\n");
            assertThat(Failure.DevNode.present(dir)).as("no node-1/pid yet").isFalse();
            new Failure.DevNode(dir, Failure.Signal.KILL).fail(2, "localhost", 9093);
            await("the node's process killed").atMost(Duration.ofSeconds(10)).until(() -> !sleeper.isAlive());
            assertThat(sleeper.exitValue()).as("SIGKILL").isEqualTo(128 + 9);

            assertThatThrownBy(() -> new Failure.DevNode(dir, Failure.Signal.KILL).fail(2, "localhost", 9093))
                    .isInstanceOf(CliException.class).hasMessageContaining("dev's node 2 (pid " + sleeper.pid()).hasMessageContaining("is not running");
            assertThatThrownBy(() -> new Failure.DevNode(dir, Failure.Signal.KILL).fail(3, "localhost", 9094))
                    .isInstanceOf(CliException.class).hasMessageContaining("broker 3 is not a node of ./tributary dev");
        } finally {
            sleeper.destroyForcibly();
            impostor.destroyForcibly();
        }
    }
}

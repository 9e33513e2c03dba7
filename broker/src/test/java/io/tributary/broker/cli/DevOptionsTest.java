package io.tributary.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tributary dev}'s command line and its port layout. */
class DevOptionsTest {

    private static DevOptions options(String... args) {
        DevOptions.Parsed parsed = DevOptions.parse(List.of(args));
        assertThat(parsed).isInstanceOf(DevOptions.Run.class);
        return ((DevOptions.Run) parsed).options();
    }

    @Test
    void helpIsHelpWhereverItStands() {
        assertThat(DevOptions.parse(List.of("--help"))).isInstanceOf(DevOptions.Help.class);
        assertThat(DevOptions.parse(List.of("-h"))).isInstanceOf(DevOptions.Help.class);
        assertThat(DevOptions.parse(List.of("--nodes", "3", "--help"))).isInstanceOf(DevOptions.Help.class);
    }

    @Test
    void defaultsAndFlags() {
        DevOptions d = options();
        assertThat(d.nodes()).isEqualTo(3);
        assertThat(d.port()).isEqualTo(9092);
        assertThat(d.dataDir()).isEqualTo(Path.of("data/dev").toAbsolutePath().normalize());
        assertThat(d.restartCrashed()).isFalse();
        DevOptions o = options("--nodes", "5", "--port", "19092", "--data-dir", "x/y", "--restart-crashed");
        assertThat(o).isEqualTo(new DevOptions(5, 19092, Path.of("x/y").toAbsolutePath().normalize(), true));
    }

    @Test
    void badCommandLinesNameTheFlag() {
        assertThatThrownBy(() -> DevOptions.parse(List.of("--nodes"))).hasMessageContaining("--nodes needs a value");
        assertThatThrownBy(() -> DevOptions.parse(List.of("--nodes", "three"))).hasMessageContaining("--nodes takes a number");
        assertThatThrownBy(() -> DevOptions.parse(List.of("--nodes", "10"))).hasMessageContaining("--nodes must be between 1 and 9");
        assertThatThrownBy(() -> DevOptions.parse(List.of("--frobnicate"))).hasMessageContaining("unexpected argument --frobnicate");
        // Three nodes use up to PORT+202 (the third HTTP port); one node up to PORT+200.
        assertThatThrownBy(() -> DevOptions.parse(List.of("--port", "65334"))).hasMessageContaining("--port must be between 1 and 65333");
        assertThat(options("--port", "65333").port()).isEqualTo(65333);
        assertThat(options("--nodes", "1", "--port", "65335").port()).isEqualTo(65335);
        assertThatThrownBy(() -> DevOptions.parse(List.of("--nodes", "1", "--port", "65336"))).hasMessageContaining("--port");
        assertThatThrownBy(() -> DevOptions.parse(List.of("--port", "0"))).hasMessageContaining("--port");
    }

    @Test
    void portsDeriveFromPortAndNeverCollide() {
        assertThat(DevPorts.clientPort(9092, 1)).isEqualTo(9092);
        assertThat(DevPorts.clientPort(9092, 3)).isEqualTo(9094);
        assertThat(DevPorts.controllerPort(9092, 1)).isEqualTo(9192);
        assertThat(DevPorts.controllerPort(9092, 3)).isEqualTo(9194);
        Set<Integer> used = new HashSet<>();
        for (int id = 1; id <= DevOptions.NODES_MAX; id++) {
            assertThat(used.add(DevPorts.clientPort(9092, id))).as("client port of node %d is its own", id).isTrue();
            assertThat(used.add(DevPorts.controllerPort(9092, id))).as("CONTROLLER port of node %d is its own", id).isTrue();
            assertThat(used.add(DevPorts.httpPort(9092, id))).as("HTTP port of node %d is its own", id).isTrue();
        }
    }

    @Test
    void aControllerPortAnEarlierStartWroteIsReadBack(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("server.properties");
        assertThat(DevPorts.storedControllerPort(config)).isEmpty();
        Files.writeString(config, "node.id=2\nlisteners=PLAINTEXT://localhost:9093,CONTROLLER://localhost:41234\n");
        assertThat(DevPorts.storedControllerPort(config)).hasValue(41234);
    }
}

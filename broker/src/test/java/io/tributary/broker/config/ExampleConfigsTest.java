package io.tributary.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example files in config/ parse, with no unknown keys. */
class ExampleConfigsTest {

    @Test
    void examplesParseCleanly() throws Exception {
        for (String name : List.of("server.properties", "dev.properties")) {
            List<String> unknown = new ArrayList<>();
            BrokerConfig c = BrokerConfig.parse(ConfigFile.read(Path.of("..", "config", name)), unknown::add);
            assertThat(unknown).as(name).isEmpty();
            assertThat(c.nodeId()).isEqualTo(1);
            assertThat(c.clientListeners()).extracting(Listener::name).containsExactly("PLAINTEXT");
        }
    }
}

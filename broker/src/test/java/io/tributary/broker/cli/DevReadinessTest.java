package io.tributary.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.Broker;
import io.tributary.broker.config.BrokerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe {@code tributary dev} waits on before its banner, against a real node and a closed port. */
class DevReadinessTest {

    @Test
    void aNodeIsReadyWhenItListsEveryExpectedBroker(@TempDir Path dir) throws Exception {
        try (Broker broker = Broker.start(BrokerConfig.parse(Map.of(
                "node.id", "1",
                "listeners", "PLAINTEXT://localhost:0",
                "log.dirs", dir.resolve("logs").toString())))) {
            String bootstrap = broker.bootstrapServers();
            int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            await("the node lists itself with an active controller").atMost(Duration.ofSeconds(30))
                    .until(() -> DevReadiness.ask(port, 1_000).ready(Set.of(1)));
            DevReadiness.NodeAnswer answer = DevReadiness.ask(port, 1_000);
            assertThat(answer.brokerIds()).containsExactly(1);
            assertThat(answer.controllerId()).isEqualTo(1);
            assertThat(answer.ready(Set.of(1, 2))).as("ready for a cluster of two, with one broker listed").isFalse();
            assertThat(DevReadiness.allReady(DevReadiness.probe(List.of(port, port), 1_000), Set.of(1))).isTrue();
        }
    }

    @Test
    void aPortNobodyListensOnIsNotReadyAndSaysWhy() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DevReadiness.NodeAnswer answer = DevReadiness.ask(port, 1_000);
        assertThat(answer.ready(Set.of(1))).isFalse();
        assertThat(answer.describe()).startsWith("localhost:" + port + " ").containsIgnoringCase("refused");
    }
}

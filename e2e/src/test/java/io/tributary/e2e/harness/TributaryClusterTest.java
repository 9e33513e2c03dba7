package io.tributary.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the cluster harness writes before anything runs: every voter gets the same voters line, its
 * own client and CONTROLLER ports (the CONTROLLER port the one its voter entry names), the combined
 * roles, and the test's extra properties; nothing is launched until {@code start()}.
 */
@ExtendWith(TributaryExtension.class)
class TributaryClusterTest {

    @Test
    void everyVoterIsWrittenWithTheSameVotersItsOwnPortsAndTheExtraProperties(Nodes nodes) throws IOException {
        TributaryCluster cluster = nodes.cluster(3, Map.of("num.partitions", "4"));
        assertThat(cluster.voterIds()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(cluster.running()).as("nodes running before start()").isEmpty();
        List<Integer> ports = new ArrayList<>();
        for (TributaryNode node : cluster.nodes()) {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(node.propertiesFile(), StandardCharsets.UTF_8)));
            assertThat(p.getProperty("node.id")).isEqualTo(Integer.toString(node.nodeId()));
            assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
            assertThat(p.getProperty("controller.quorum.voters")).isEqualTo(cluster.voters());
            assertThat(p.getProperty("controller.listener.names")).isEqualTo("CONTROLLER");
            assertThat(p.getProperty("num.partitions")).isEqualTo("4");
            String controllerPort = cluster.voters().split(",")[node.nodeId() - 1].split(":")[1];
            assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:" + node.port()
                    + ",CONTROLLER://127.0.0.1:" + controllerPort);
            assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:" + node.port());
            assertThat(p.getProperty("log.dirs")).isEqualTo(node.dataDir().toString());
            ports.add(node.port());
            ports.add(Integer.parseInt(controllerPort));
        }
        assertThat(ports).as("client and CONTROLLER ports of all nodes").doesNotHaveDuplicates();
        assertThat(cluster.bootstrap().split(",")).hasSize(3);
        assertThatThrownBy(() -> cluster.node(4)).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.tributary.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.quorum.QuorumVoter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The example files in config/ parse, with no unknown keys, and the cluster's files make one consistent cluster. */
class ExampleConfigsTest {

    private static BrokerConfig parse(String name) throws Exception {
        List<String> unknown = new ArrayList<>();
        BrokerConfig c = BrokerConfig.parse(ConfigFile.read(Path.of("..", "config").resolve(name)), unknown::add);
        assertThat(unknown).as(name).isEmpty();
        return c;
    }

    @Test
    void oneNodeExamplesParseCleanly() throws Exception {
        for (String name : List.of("server.properties", "dev.properties")) {
            BrokerConfig c = parse(name);
            assertThat(c.nodeId()).isEqualTo(1);
            assertThat(c.isCluster()).as(name + " is a one-node cluster").isFalse();
            assertThat(c.clientListeners()).extracting(Listener::name).containsExactly("PLAINTEXT");
        }
    }

    @Test
    void theThreeNodeClusterExamplesAgree() throws Exception {
        Set<Integer> ids = new HashSet<>();
        Set<Integer> clientPorts = new HashSet<>();
        Set<String> dirs = new HashSet<>();
        String voters = null;
        for (int i = 1; i <= 3; i++) {
            BrokerConfig c = parse("cluster/node-" + i + ".properties");
            assertThat(c.nodeId()).isEqualTo(i);
            assertThat(c.isCluster()).isTrue();
            assertThat(c.hasBrokerRole() && c.hasControllerRole()).as("combined").isTrue();
            // Each controller binds the port its own voter entry names (ClusterRules refuses a mismatch).
            QuorumVoter self = c.quorumVoters().voter(i).orElseThrow();
            assertThat(c.controllerListener().port()).isEqualTo(self.port());
            if (voters == null) {
                voters = c.quorumVoters().toString();
            }
            assertThat(c.quorumVoters().toString()).as("the same voters on every node").isEqualTo(voters);
            ids.add(c.nodeId());
            clientPorts.add(c.clientListeners().get(0).port());
            dirs.add(c.logDirs().get(0).toString());
        }
        assertThat(ids).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(clientPorts).as("distinct client ports").hasSize(3);
        assertThat(dirs).as("distinct log directories").hasSize(3);
    }
}

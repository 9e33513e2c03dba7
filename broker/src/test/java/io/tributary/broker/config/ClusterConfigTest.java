package io.tributary.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Roles, voters and listeners as KRaft ties them together: a consistent cluster config parses, and
 * each way of getting it wrong stops startup with an error naming the key to fix.
 */
class ClusterConfigTest {

    private static final String VOTERS = "1@localhost:19092,2@localhost:19093,3@localhost:19094";

    /** Node 1 of a three-node combined cluster. */
    private static Map<String, String> combined() {
        Map<String, String> m = new HashMap<>();
        m.put("node.id", "1");
        m.put("process.roles", "broker,controller");
        m.put("controller.quorum.voters", VOTERS);
        m.put("controller.listener.names", "CONTROLLER");
        m.put("listeners", "PLAINTEXT://localhost:9092,CONTROLLER://localhost:19092");
        m.put("log.dirs", "/tmp/t/node-1");
        return m;
    }

    private static void refused(Map<String, String> m, String key, String... words) {
        assertThatThrownBy(() -> BrokerConfig.parse(m))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key))
                .hasMessageContaining(key)
                .satisfies(e -> {
                    for (String w : words) {
                        assertThat(e.getMessage()).contains(w);
                    }
                });
    }

    @Test
    void aCombinedNodeOfAClusterParses() {
        BrokerConfig c = BrokerConfig.parse(combined());
        assertThat(c.isCluster()).isTrue();
        assertThat(c.hasBrokerRole()).isTrue();
        assertThat(c.hasControllerRole()).isTrue();
        assertThat(c.controllerListener()).isEqualTo(new Listener("CONTROLLER", "localhost", 19092));
        assertThat(c.clientListeners()).extracting(Listener::name).containsExactly("PLAINTEXT");
        assertThat(c.quorumVoters().size()).isEqualTo(3);
        assertThat(c.quorumConfig().dataDir().toString()).endsWith("node-1/__cluster_metadata-0");
        assertThat(c.quorumConfig().electionTimeoutMinMs()).isEqualTo(300);
    }

    @Test
    void withoutVotersANodeIsAOneNodeClusterAsBefore() {
        BrokerConfig c = BrokerConfig.parse(Map.of("node.id", "1", "listeners", "PLAINTEXT://:9092", "log.dirs", "/tmp/x"));
        assertThat(c.isCluster()).isFalse();
        assertThat(c.hasBrokerRole() && c.hasControllerRole()).isTrue();
        assertThat(c.quorumVoters()).isNull();
    }

    @Test
    void aControllerOnlyNodeNeedsNoClientListener() {
        Map<String, String> m = combined();
        m.put("process.roles", "controller");
        m.put("listeners", "CONTROLLER://localhost:19092");
        BrokerConfig c = BrokerConfig.parse(m);
        assertThat(c.hasBrokerRole()).isFalse();
        assertThat(c.clientListeners()).isEmpty();
    }

    @Test
    void aBrokerOnlyNodeParses() {
        Map<String, String> m = combined();
        m.put("node.id", "4");
        m.put("process.roles", "broker");
        m.put("listeners", "PLAINTEXT://localhost:9095");
        BrokerConfig c = BrokerConfig.parse(m);
        assertThat(c.hasControllerRole()).isFalse();
        assertThat(c.controllerListener()).isNull();
    }

    @Test
    void aControllerThatIsNotAVoterIsRefused() {
        Map<String, String> m = combined();
        m.put("node.id", "7");
        refused(m, "node.id", "not among the voters");
    }

    @Test
    void aDuplicateVoterIdIsRefused() {
        Map<String, String> m = combined();
        m.put("controller.quorum.voters", "1@localhost:19092,1@localhost:19093");
        refused(m, "controller.quorum.voters", "more than once");
    }

    @Test
    void aVoterThatDoesNotParseIsRefused() {
        Map<String, String> m = combined();
        m.put("controller.quorum.voters", "1@localhost:19092,two@localhost:19093");
        refused(m, "controller.quorum.voters");
        m.put("controller.quorum.voters", "1@localhost:19092,2localhost:19093");
        refused(m, "controller.quorum.voters");
    }

    @Test
    void aControllerWithoutItsListenerIsRefused() {
        Map<String, String> m = combined();
        m.put("listeners", "PLAINTEXT://localhost:9092");
        refused(m, "controller.listener.names", "CONTROLLER is not in listeners");
    }

    @Test
    void aControllerListenerAtAnotherPortThanItsVoterEntryIsRefused() {
        Map<String, String> m = combined();
        m.put("listeners", "PLAINTEXT://localhost:9092,CONTROLLER://localhost:19099");
        refused(m, "controller.quorum.voters", "port 19092", "19099");
    }

    @Test
    void votersWithoutRolesOrControllerListenerNamesAreRefused() {
        Map<String, String> m = combined();
        m.remove("process.roles");
        refused(m, "process.roles", "must be set");
        m = combined();
        m.remove("controller.listener.names");
        m.put("listeners", "PLAINTEXT://localhost:9092");
        refused(m, "controller.listener.names");
    }

    @Test
    void aBrokerOnlyNodeMustNeitherBeAVoterNorServeTheControllerListener() {
        Map<String, String> m = combined();
        m.put("process.roles", "broker");
        refused(m, "node.id", "is a voter");
        m.put("node.id", "4");
        refused(m, "listeners", "must not list the controller listener CONTROLLER");
    }

    @Test
    void aControllerOnlyNodeServesOnlyControllerListeners() {
        Map<String, String> m = combined();
        m.put("process.roles", "controller");
        refused(m, "listeners", "PLAINTEXT is not one");
    }

    @Test
    void onlyOneRoleWithoutVotersIsRefused() {
        refused(new HashMap<>(Map.of("node.id", "1", "process.roles", "broker")), "process.roles", "one-node cluster");
    }

    @Test
    void aDynamicQuorumIsRefused() {
        Map<String, String> m = combined();
        m.put("controller.quorum.bootstrap.servers", "localhost:19092");
        refused(m, "controller.quorum.bootstrap.servers", "not supported");
    }

    @Test
    void theFailureDetectionDefaultsAreTributarys() {
        BrokerConfig c = BrokerConfig.parse(combined());
        assertThat(c.brokerSessionTimeoutMs()).isEqualTo(1500);
        assertThat(c.brokerHeartbeatIntervalMs()).isEqualTo(300);
        assertThat(c.controllerSocketTimeoutMs()).isEqualTo(30_000);
    }
}

package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.Broker;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.LeaderElectionCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preferred leaders come back on three in-process nodes: a broker stopped cleanly hands its leaderships
 * away, and once it is back in the ISR it leads its preferred partitions again, either at the next
 * leader imbalance check ({@code auto.leader.rebalance.enable}) or when an operator asks
 * ({@code Admin.electLeaders}, {@code kafka-leader-election}) through any broker.
 */
class PreferredLeaderTest {

    private static final String TOPIC = "pref";
    private static final int PARTITIONS = 6;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static PartitionRegistration partition(Broker b, int p) {
        TopicImage t = b.metadata().image().topic(TOPIC);
        return t == null ? null : t.partition(p);
    }

    /** Whether every running node's image shows every partition led by its preferred replica with a full ISR. */
    private boolean balancedEverywhere() {
        for (int id = 1; id <= 3; id++) {
            Broker b = cluster.node(id);
            for (int p = 0; p < PARTITIONS; p++) {
                PartitionRegistration part = b == null ? null : partition(b, p);
                if (part == null || part.leader() != part.preferredLeader() || part.isr().size() != 3) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The partitions whose preferred replica is {@code brokerId}. */
    private List<Integer> preferredBy(int brokerId) {
        List<Integer> out = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            if (partition(cluster.node(1), p).preferredLeader() == brokerId) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Creates the topic, waits for balance, stops a node that is not the active controller and waits
     * for its leaderships to move, restarts it and waits until it is back in every ISR; returns its id.
     */
    private int bounceANode() throws Exception {
        Admin admin = cluster.admin(1);
        admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 3))).all().get(20, TimeUnit.SECONDS);
        await().atMost(WAIT).until(this::balancedEverywhere);
        int active = cluster.activeController();
        int bounced = active == 3 ? 2 : 3;
        int witness = active;
        List<Integer> its = preferredBy(bounced);
        assertThat(its).as("placement spreads preferred replicas").isNotEmpty();

        cluster.stop(bounced);
        await().atMost(WAIT).until(() -> its.stream().allMatch(p -> {
            PartitionRegistration part = partition(cluster.node(witness), p);
            return part.leader() != bounced && part.leader() >= 0;
        }));

        cluster.startNode(bounced);
        cluster.awaitReady();
        await().atMost(WAIT).until(() -> {
            for (int p = 0; p < PARTITIONS; p++) {
                if (!partition(cluster.node(witness), p).inIsr(bounced)) {
                    return false;
                }
            }
            return true;
        });
        return bounced;
    }

    @Test
    void theControllerGivesLeadershipBackAtTheNextImbalanceCheck() throws Exception {
        cluster = new TestCluster(dir, 3, Map.of("leader.imbalance.check.interval.seconds", "1")).start();
        bounceANode();
        await().atMost(WAIT).until(this::balancedEverywhere);
    }

    @Test
    void operatorsElectPreferredLeadersThroughAnyBroker() throws Exception {
        cluster = new TestCluster(dir, 3, Map.of("auto.leader.rebalance.enable", "false")).start();
        int bounced = bounceANode();
        List<Integer> its = preferredBy(bounced);
        int other = bounced == 1 ? 2 : 1;
        assertThat(partition(cluster.node(other), its.get(0)).leader()).as("nothing moves it back on its own").isNotEqualTo(bounced);

        // Admin.electLeaders for one partition, sent to whichever broker the client calls the controller.
        TopicPartition first = new TopicPartition(TOPIC, its.get(0));
        Map<TopicPartition, Optional<Throwable>> result = cluster.admin(bounced).electLeaders(ElectionType.PREFERRED, Set.of(first))
                .partitions().get(20, TimeUnit.SECONDS);
        assertThat(result.get(first)).as("elected").isEmpty();
        await().atMost(WAIT).until(() -> partition(cluster.node(other), its.get(0)).leader() == bounced);

        // kafka-leader-election --election-type preferred --all-topic-partitions for the rest.
        assertThat(leaderElectionCommand("--bootstrap-server", cluster.bootstrap(other), "--election-type", "preferred",
                "--all-topic-partitions")).as("kafka-leader-election's exit code").isZero();
        await().atMost(WAIT).until(this::balancedEverywhere);
    }

    /** Runs Kafka's LeaderElectionCommand in this JVM; its exit code. */
    private static int leaderElectionCommand(String... args) {
        int[] code = {-1};
        Exit.setExitProcedure((status, message) -> {
            code[0] = status;
            throw new IllegalStateException("exit " + status);
        });
        try {
            LeaderElectionCommand.main(args);
        } catch (IllegalStateException exited) {
            // the command called Exit.exit
        } finally {
            Exit.resetExitProcedure();
        }
        return code[0];
    }
}

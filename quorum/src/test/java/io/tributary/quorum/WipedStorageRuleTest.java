package io.tributary.quorum;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WipedStorageRuleTest {

    @TempDir
    Path root;

    private TestCluster cluster;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger ruleLogger = (Logger) LoggerFactory.getLogger(WipedStorageRule.class);

    @AfterEach
    void tearDown() {
        ruleLogger.detachAppender(logs);
        if (cluster != null) {
            cluster.close();
            assertThat(cluster.strayKafkaBytes).isEmpty();
            cluster.nodes.stream().filter(n -> n.listener != null)
                    .forEach(n -> assertThat(n.listener.violations()).as("node %d", n.id).isEmpty());
        }
    }

    private static QuorumConfig config(Path dir) {
        return QuorumConfig.builder().nodeId(1).voters("1@localhost:9093,2@localhost:9094,3@localhost:9095")
                .dataDir(dir).electionTimeoutMs(300, 600).build();
    }

    @Test
    void emptyStorageWaitsTwiceTheMaximumElectionTimeoutAndAVoteRecordWaitsNothing() throws Exception {
        QuorumConfig config = config(root.resolve("meta"));
        assertThat(WipedStorageRule.waitMs(config)).isEqualTo(1200);

        Path record = WipedStorageRule.voteRecord(config.dataDir(), config.groupId());
        Files.createDirectories(record.getParent());
        Files.write(record, new byte[0]);
        assertThat(WipedStorageRule.waitMs(config)).isZero();
        // A record for another cluster's group does not count.
        QuorumConfig other = QuorumConfig.builder().nodeId(1).voters("1@localhost:9093").dataDir(config.dataDir())
                .clusterId("another-cluster").build();
        assertThat(WipedStorageRule.waitMs(other)).isEqualTo(other.wipedStorageWaitMs());
    }

    @Test
    void aWipedVoterWaitsBeforeJoiningThenCatchesUpWhileAnIntactOneDoesNotWait() throws Exception {
        cluster = new TestCluster(root, 3, b -> b);
        TestCluster.Node leader = cluster.startAll();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("entry-" + i);
            leader.quorum.append(RaftQuorumClusterTest.bytes("entry-" + i)).get(10, TimeUnit.SECONDS);
        }
        List<TestCluster.Node> followers = cluster.nodes.stream().filter(n -> n != leader).toList();
        TestCluster.Node wiped = followers.get(0);
        TestCluster.Node intact = followers.get(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> wiped.listener.state().equals(expected)
                && intact.listener.state().equals(expected));

        wiped.stop();
        wiped.wipe();
        intact.stop();
        logs.start();
        ruleLogger.addAppender(logs);

        long t0 = System.nanoTime();
        wiped.start();
        long wipedStartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        intact.start();

        long waitMs = wiped.config.wipedStorageWaitMs();
        assertThat(waitMs).isEqualTo(2 * wiped.config.electionTimeoutMaxMs());
        assertThat(wiped.quorum.startDelayMs()).isEqualTo(waitMs);
        assertThat(wipedStartMs).isGreaterThanOrEqualTo(waitMs);
        assertThat(intact.quorum.startDelayMs()).isZero();
        assertThat(logs.list).hasSize(1);
        assertThat(logs.list.get(0).getFormattedMessage())
                .startsWith("Node " + wiped.id + " has no Raft vote record")
                .contains(waitMs + " ms");

        // The wiped voter relearns everything from the leader.
        await().atMost(Duration.ofSeconds(20)).until(() -> wiped.listener.state().equals(expected)
                && intact.listener.state().equals(expected));
        cluster.awaitLeader().quorum.append(RaftQuorumClusterTest.bytes("after")).get(10, TimeUnit.SECONDS);
        expected.add("after");
        for (TestCluster.Node n : cluster.nodes) {
            await().atMost(Duration.ofSeconds(10)).until(() -> n.listener.state().equals(expected));
        }
    }
}

package io.tributary.quorum;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.tributary.quorum.RaftQuorumClusterTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A leader that lost its majority while a voter was down is re-elected as soon as that voter is
 * back, and not when its gRPC channel to the voter next tries to connect ({@link PeerReconnector}).
 */
class ReturningVoterElectionTest {

    /** How long after the step-down the test waits for the fourth connection attempts: see below. */
    private static final long FOURTH_ATTEMPT_AFTER_MS = 7_000;
    /** Generous: about 1 s with the reconnector on this machine; 5 to 10 s without it. */
    private static final long REELECTION_BOUND_MS = 3_000;

    @TempDir
    Path root;

    private TestCluster cluster;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aLeaderWithoutMajorityIsReElectedAtOnceWhenAVoterReturns() throws Exception {
        cluster = new TestCluster(root, 3, b -> b);
        TestCluster.Node leader = cluster.startAll();
        TestCluster.Node returning = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
        TestCluster.Node lost = cluster.nodes.stream().filter(n -> n != leader && n != returning).findFirst().orElseThrow();

        returning.stop();
        // Committed without the returning voter, so that only the old leader can win the next election.
        leader.quorum.append(bytes("while-down")).get(10, TimeUnit.SECONDS);
        lost.crash().get(10, TimeUnit.SECONDS);
        long stepDownNs = System.nanoTime();
        leader.quorum.stepDownWithoutHandoff(leader.quorum.currentTerm()).get(10, TimeUnit.SECONDS);

        // The old leader keeps asking the returning voter for its vote, each try a connection to its
        // CONTROLLER port, which refuses Raft while the voter is down. gRPC retries a channel after
        // 1, 1.6, 2.56, 4.1, 6.55 s (each +-20%): the fourth tries come 7.4 to 11.1 s after the
        // step-down, and the fifth at least 5.2 s after them. Bring the voter back once both of the
        // leader's channels to it have made their fourth try: without the reconnector, the leader
        // hears it again only seconds later.
        long thresholdNs = stepDownNs + TimeUnit.MILLISECONDS.toNanos(FOURTH_ATTEMPT_AFTER_MS);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(() -> returning.connectionsNs.stream().filter(ns -> ns > thresholdNs).count() >= 2);
        assertThat(leader.quorum.leaderId()).as("no leader while two of three voters are down").isEmpty();

        returning.start();
        long backNs = System.nanoTime();
        TestCluster.Node next = Appender.appendOnLeader(cluster, bytes("after"), Duration.ofSeconds(30));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - backNs);
        System.out.printf("REELECTION node %d leads again; first commit %d ms after the voter was back; connections to it "
                + "after the step-down at (ms) %s%n", next.id, ms, returning.connectionsNs.stream().filter(ns -> ns > stepDownNs)
                .map(ns -> TimeUnit.NANOSECONDS.toMillis(ns - stepDownNs)).toList());
        assertThat(next).isSameAs(leader);
        assertThat(ms).as("first commit after the voter was back (ms)").isLessThan(REELECTION_BOUND_MS);
    }
}

package io.tributary.quorum;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.tributary.quorum.RaftQuorumClusterTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A leader that lost its majority is re-elected as soon as a voter that is behind it comes back:
 * neither after Ratis's 10 s step-down wait ({@link RatisProperties}) nor when its gRPC channel to
 * the voter next tries to connect ({@link PeerReconnector}).
 */
class ReturningVoterElectionTest {

    /**
     * gRPC retries a channel after 1, 1.6, 2.56, 4.1, 6.55 s (each +-20%): its third try comes at
     * most 6.19 s after the last reset, its fourth 7.4 to 11.1 s after it, and its fifth at least
     * 5.2 s after the fourth. Connections after this delay are fourth tries (or later).
     */
    private static final long AFTER_THIRD_TRY_MS = 6_300;
    /** Generous: 0.3-1.2 s with both fixes on this machine; 5 to 10 s without either. */
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
    void aLeaderThatLostItsMajorityIsReElectedAtOnceWhenAVoterBehindItReturns() throws Exception {
        cluster = new TestCluster(root, 3, b -> b);
        TestCluster.Node leader = cluster.startAll();
        TestCluster.Node first = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
        TestCluster.Node second = cluster.nodes.stream().filter(n -> n != leader && n != first).findFirst().orElseThrow();

        // 1. A rolling restart loses a second voter: the leader steps down on its own, and the voter
        // back from its restart is behind it, so only the old leader can win. Ratis's leader would
        // not even ask for votes for 10 s after losing its majority.
        first.stop();
        leader.quorum.append(bytes("while-first-is-down")).get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> secondCrashed = second.crash();
        awaitNoLeader(leader);
        first.start();
        assertReElected(leader, first, "step-down wait");

        // 2. The same with the voter down for longer: the old leader asks it for its vote through a
        // channel whose connection attempts gRPC spaces out more and more. Bring the voter back
        // right after the leader's fourth tries: without the reconnector, the next come seconds later.
        first.stop();
        long steppedDownNs = awaitNoLeader(leader);
        long thresholdNs = steppedDownNs + TimeUnit.MILLISECONDS.toNanos(AFTER_THIRD_TRY_MS);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(() -> second.connectionsNs.stream().filter(ns -> ns > thresholdNs).count() >= 2);
        assertThat(leader.quorum.leaderId()).as("no leader while two of three voters are down").isEmpty();
        secondCrashed.get(10, TimeUnit.SECONDS);
        second.start();
        assertReElected(leader, second, "channel backoff");
    }

    /** Waits until {@code leader} has stepped down, and returns when it saw that (System.nanoTime). */
    private static long awaitNoLeader(TestCluster.Node leader) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> leader.quorum.leaderId().isEmpty());
        return System.nanoTime();
    }

    private void assertReElected(TestCluster.Node leader, TestCluster.Node returned, String phase) {
        long backNs = System.nanoTime();
        TestCluster.Node next = Appender.appendOnLeader(cluster, bytes("after-" + phase), Duration.ofSeconds(30));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - backNs);
        System.out.printf("REELECTION (%s) node %d leads again; first commit %d ms after node %d was back%n", phase, next.id,
                ms, returned.id);
        assertThat(next).as("only the old leader has every entry").isSameAs(leader);
        assertThat(ms).as("%s: first commit after the voter was back (ms)", phase).isLessThan(REELECTION_BOUND_MS);
    }
}

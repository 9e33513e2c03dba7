package io.tributary.quorum;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Three quorum members in one JVM, each behind its own CONTROLLER port with the sniffer and relay. */
class RaftQuorumClusterTest {

    @TempDir
    Path root;

    private TestCluster cluster;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.close();
            assertThat(cluster.strayKafkaBytes).as("bytes that reached the Kafka pipeline").isEmpty();
            for (TestCluster.Node n : cluster.nodes) {
                if (n.listener != null) {
                    assertThat(n.listener.violations()).as("listener contract on node " + n.id).isEmpty();
                }
            }
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitSameState(TestCluster.Node node, List<String> expected) {
        await().atMost(Duration.ofSeconds(20)).until(() -> node.listener.state().equals(expected));
    }

    @Test
    void threeVotersElectALeaderAndDeliverCommitsInOrderToAll() throws Exception {
        cluster = new TestCluster(root, 3, b -> b);
        TestCluster.Node leader = cluster.startAll();

        List<CompletableFuture<Long>> appends = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("entry-" + i);
            appends.add(leader.quorum.append(bytes("entry-" + i)));
        }
        List<Long> indexes = new ArrayList<>();
        for (CompletableFuture<Long> f : appends) {
            indexes.add(f.get(10, TimeUnit.SECONDS));
        }
        assertThat(indexes).isSorted().doesNotHaveDuplicates();
        // The leader's own listener has the entry by the time its append completes.
        assertThat(leader.listener.state()).containsExactlyElementsOf(expected);
        for (TestCluster.Node n : cluster.nodes) {
            awaitSameState(n, expected);
            assertThat(n.listener.leaderEvents()).as("node " + n.id)
                    .last().satisfies(e -> {
                        assertThat(e.leaderId()).isEqualTo(leader.id);
                        assertThat(e.local()).isEqualTo(n == leader);
                        assertThat(e.term()).isEqualTo(leader.quorum.currentTerm());
                    });
        }
    }

    @Test
    void aNonLeaderAppendFailsFastWithTheLeaderHintAndAStaleTermIsFenced() throws Exception {
        cluster = new TestCluster(root, 3, b -> b);
        TestCluster.Node leader = cluster.startAll();
        leader.quorum.append(bytes("first")).get(10, TimeUnit.SECONDS);
        TestCluster.Node follower = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> follower.quorum.leaderId().orElse(-1) == leader.id);

        long t0 = System.nanoTime();
        CompletableFuture<Long> refused = follower.quorum.append(bytes("to-a-follower"));
        Throwable cause = causeOf(refused);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.printf("non-leader append refused in %d ms%n", elapsedMs);
        assertThat(cause).isInstanceOf(NotLeaderException.class);
        assertThat(((NotLeaderException) cause).leaderHint()).hasValue(leader.id);
        // "Fast": no replication round, no timeout; a generous bound for a loaded CI machine.
        assertThat(elapsedMs).isLessThan(1000);

        long term = leader.quorum.currentTerm();
        Throwable stale = causeOf(leader.quorum.append(term - 1, bytes("stale")));
        assertThat(stale).isInstanceOf(NotLeaderException.class);
        long index = leader.quorum.append(term, bytes("current")).get(10, TimeUnit.SECONDS);
        assertThat(index).isPositive();
        assertThat(leader.listener.state()).containsExactly("first", "current");
    }

    private static Throwable causeOf(CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("expected the append to fail, got " + e, e);
        }
        throw new AssertionError("expected the append to fail, but it succeeded");
    }

    @Test
    void killingTheLeaderElectsANewLeaderAndAppendsWorkAgain() throws Exception {
        cluster = new TestCluster(root, 3, b -> b);
        cluster.startAll();
        List<String> expected = new ArrayList<>();
        List<Long> takeoverMs = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            TestCluster.Node old = cluster.awaitLeader();
            old.quorum.append(bytes("before-" + run)).get(10, TimeUnit.SECONDS);
            expected.add("before-" + run);

            long t0 = System.nanoTime();
            CompletableFuture<Void> stopped = old.crash();
            TestCluster.Node next = Appender.appendOnLeader(cluster, bytes("after-" + run), Duration.ofSeconds(10));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            takeoverMs.add(ms);
            expected.add("after-" + run);
            assertThat(next).isNotSameAs(old);

            stopped.get(10, TimeUnit.SECONDS);
            old.start();
            for (TestCluster.Node n : cluster.nodes) {
                awaitSameState(n, expected);
            }
        }
        Appender.report("in-process leader stop (no hand-off)", takeoverMs);
        assertThat(takeoverMs).allMatch(ms -> ms < 10_000);
    }

    @Test
    void aLeaderThatStopsCleanlyHandsLeadershipOff() throws Exception {
        cluster = new TestCluster(root, 3, b -> b);
        TestCluster.Node old = cluster.startAll();
        old.quorum.append(bytes("before")).get(10, TimeUnit.SECONDS);
        // Hand-off needs the followers to have answered recently; they have, the append just committed.
        long t0 = System.nanoTime();
        CompletableFuture<Void> stopped = old.stopAsync();
        TestCluster.Node next = Appender.appendOnLeader(cluster, bytes("after"), Duration.ofSeconds(10));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        stopped.get(10, TimeUnit.SECONDS);
        System.out.printf("TAKEOVER clean leader stop with hand-off: first append on the new leader after %d ms%n", ms);
        assertThat(next).isNotSameAs(old);
        assertThat(next.listener.state()).containsExactly("before", "after");
    }

    @Test
    void restartingAllVotersRecoversIdenticalStateFromSnapshotAndLog() throws Exception {
        // No snapshot on stop, so each restart must replay a log tail on top of its last snapshot.
        cluster = new TestCluster(root, 3, b -> b.snapshotIntervalEntries(40).snapshotOnStop(false));
        TestCluster.Node leader = cluster.startAll();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add("entry-" + i);
            leader.quorum.append(bytes("entry-" + i));
        }
        leader.quorum.append(bytes("last")).get(10, TimeUnit.SECONDS);
        expected.add("last");
        for (TestCluster.Node n : cluster.nodes) {
            awaitSameState(n, expected);
            await().atMost(Duration.ofSeconds(10)).until(() -> n.quorum.latestSnapshotIndex() > 0);
        }
        // Snapshots fall where Ratis's apply batches end, possibly on the last entry; append one at
        // a time until every node has entries after its latest snapshot (at most one interval).
        for (int extra = 0; cluster.nodes.stream().anyMatch(n -> n.quorum.latestSnapshotIndex() >= n.quorum.lastAppliedIndex()); extra++) {
            assertThat(extra).isLessThan(40);
            leader.quorum.append(bytes("extra-" + extra)).get(10, TimeUnit.SECONDS);
            expected.add("extra-" + extra);
            for (TestCluster.Node n : cluster.nodes) {
                awaitSameState(n, expected);
            }
        }

        cluster.stopAll();
        cluster.startAll();
        for (TestCluster.Node n : cluster.nodes) {
            awaitSameState(n, expected);
            assertThat(n.listener.loadedSnapshotIndexes()).as("node %d loaded its snapshot", n.id).isNotEmpty();
            assertThat(n.listener.commitsSinceLoad()).as("node %d replayed a log tail", n.id).isPositive();
            assertThat(n.quorum.startDelayMs()).as("node %d kept its storage, so it did not wait", n.id).isZero();
        }
        // And the quorum still works.
        cluster.awaitLeader().quorum.append(bytes("after-restart")).get(10, TimeUnit.SECONDS);
        expected.add("after-restart");
        for (TestCluster.Node n : cluster.nodes) {
            awaitSameState(n, expected);
        }
    }

    @Test
    void aVoterThatWasDownGetsTheLeadersSnapshotInstalled() throws Exception {
        cluster = new TestCluster(root, 3, b -> b.snapshotIntervalEntries(20).segmentBytes(16 * 1024));
        TestCluster.Node leader = cluster.startAll();
        leader.quorum.append(bytes("first")).get(10, TimeUnit.SECONDS);
        List<String> expected = new ArrayList<>(List.of("first"));
        TestCluster.Node lagging = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
        awaitSameState(lagging, expected);
        long appliedBeforeStop = lagging.quorum.lastAppliedIndex();
        lagging.stop();

        String padding = "x".repeat(200);
        for (int i = 0; i < 300; i++) {
            expected.add("entry-" + i + "-" + padding);
            leader.quorum.append(bytes("entry-" + i + "-" + padding));
        }
        leader.quorum.append(bytes("last")).get(20, TimeUnit.SECONDS);
        expected.add("last");
        assertThat(leader.listener.snapshotsTaken()).isPositive();
        // The leader's log no longer reaches back to where the lagging voter stopped.
        await().atMost(Duration.ofSeconds(10)).until(() -> leader.quorum.logStartIndex() > appliedBeforeStop + 1);

        lagging.start();
        awaitSameState(lagging, expected);
        assertThat(lagging.listener.loadedSnapshotIndexes()).as("snapshots the lagging voter loaded")
                .anyMatch(index -> index > appliedBeforeStop);
    }
}

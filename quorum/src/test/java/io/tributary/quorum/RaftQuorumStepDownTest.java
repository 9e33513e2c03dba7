package io.tributary.quorum;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.tributary.quorum.RaftQuorumClusterTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link RaftQuorum#stepDown}: three quorum members in one JVM, behind their CONTROLLER ports. */
class RaftQuorumStepDownTest {

    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(10);

    @TempDir
    Path root;

    private TestCluster cluster;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.close();
            for (TestCluster.Node n : cluster.nodes) {
                if (n.listener != null) {
                    assertThat(n.listener.violations()).as("listener contract on node " + n.id).isEmpty();
                }
            }
        }
    }

    private void awaitSameStateEverywhere(List<String> expected) {
        for (TestCluster.Node n : cluster.nodes) {
            await().atMost(Duration.ofSeconds(20)).until(() -> n.listener.state().equals(expected));
        }
    }

    private static boolean leads(TestCluster.Node n, long term) {
        return n.quorum.isLeader() && n.quorum.currentTerm() == term;
    }

    @Test
    void aSteppingDownLeaderHandsOffFollowsTheNewLeaderAndCanLeadAgain() throws Exception {
        cluster = new TestCluster(root, 3, b -> b);
        TestCluster.Node first = cluster.startAll();
        List<String> expected = new ArrayList<>();
        List<Long> takeoverMs = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            TestCluster.Node old = cluster.awaitLeader();
            old.quorum.append(bytes("before-" + run)).get(10, TimeUnit.SECONDS);
            expected.add("before-" + run);
            long term = old.quorum.currentTerm();

            long t0 = System.nanoTime();
            CompletableFuture<Void> steppedDown = old.quorum.stepDown(term);
            TestCluster.Node next = Appender.appendOnLeaderOtherThan(cluster, old, bytes("after-" + run), TAKEOVER_BOUND);
            takeoverMs.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            expected.add("after-" + run);
            steppedDown.get(10, TimeUnit.SECONDS);

            assertThat(next).isNotSameAs(old);
            long newTerm = next.quorum.currentTerm();
            assertThat(newTerm).isGreaterThan(term);
            assertThat(old.quorum.isLeader()).as("node %d follows after stepping down", old.id).isFalse();
            assertThat(old.quorum.ratisPort()).as("node %d is still in the quorum", old.id).isPositive();
            // The old leader's listener keeps receiving commits, and was told who leads now.
            awaitSameStateEverywhere(expected);
            await().atMost(Duration.ofSeconds(10)).until(() -> old.listener.leaderEvents().get(old.listener.leaderEvents().size() - 1)
                    .equals(new RecordingListener.LeaderEvent(next.id, newTerm, false)));
        }
        Appender.report("stepDown with hand-off to a follower", takeoverMs);
        assertThat(takeoverMs).allMatch(ms -> ms < TAKEOVER_BOUND.toMillis());

        // A node that stepped down can lead again, and its appends reach everyone. (A hand-off can
        // lose an election to a vote timeout on a loaded machine; ask again until it lands.)
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> {
            TestCluster.Node current = cluster.leader().orElse(null);
            if (current != null && current != first) {
                current.quorum.handOffTo(first.id).get(10, TimeUnit.SECONDS);
            }
            return current == first;
        });
        TestCluster.Node again = Appender.appendOnLeader(cluster, bytes("first-again"), TAKEOVER_BOUND);
        expected.add("first-again");
        assertThat(again).isSameAs(first);
        awaitSameStateEverywhere(expected);
    }

    @Test
    void aStepDownForATermThisNodeDoesNotLeadDoesNothingAndRepeatsAreHarmless() throws Exception {
        cluster = new TestCluster(root, 3, b -> b);
        TestCluster.Node leader = cluster.startAll();
        leader.quorum.append(bytes("first")).get(10, TimeUnit.SECONDS);
        long term = leader.quorum.currentTerm();
        TestCluster.Node follower = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
        int leaderEventsBefore = leader.listener.leaderEvents().size();

        // Stale and future terms, and a follower asked to step down: complete at once, change nothing.
        for (CompletableFuture<Void> noOp : List.of(leader.quorum.stepDown(term - 1), leader.quorum.stepDown(term + 1),
                follower.quorum.stepDown(term))) {
            assertThat(noOp).isCompleted();
        }
        assertThat(leads(leader, term)).isTrue();
        assertThat(leader.quorum.append(term, bytes("second")).get(10, TimeUnit.SECONDS)).isPositive();
        assertThat(leader.listener.leaderEvents()).hasSize(leaderEventsBefore);

        // Twice for the current term: both calls complete once the term is over.
        CompletableFuture<Void> once = leader.quorum.stepDown(term);
        CompletableFuture<Void> twice = leader.quorum.stepDown(term);
        once.get(10, TimeUnit.SECONDS);
        twice.get(10, TimeUnit.SECONDS);
        assertThat(leads(leader, term)).isFalse();
        TestCluster.Node next = Appender.appendOnLeaderOtherThan(cluster, leader, bytes("third"), TAKEOVER_BOUND);
        long nextTerm = next.quorum.currentTerm();
        assertThat(nextTerm).isGreaterThan(term);
        // Once the term is over, asking again is a no-op: the new leader keeps its term.
        assertThat(leader.quorum.stepDown(term)).isCompleted();
        assertThat(leads(next, nextTerm)).isTrue();
        awaitSameStateEverywhere(List.of("first", "second", "third"));
    }

    @Test
    void withNoFollowerToHandOffToTheLeaderStillEndsItsTermAndTheVotersElectALeader() throws Exception {
        cluster = new TestCluster(root, 3, b -> b);
        TestCluster.Node old = cluster.startAll();
        old.quorum.append(bytes("before")).get(10, TimeUnit.SECONDS);
        long term = old.quorum.currentTerm();

        long t0 = System.nanoTime();
        old.quorum.stepDownWithoutHandoff(term).get(10, TimeUnit.SECONDS);
        assertThat(leads(old, term)).as("node %d gave up term %d", old.id, term).isFalse();
        // Nobody was named, so the voters elect a leader after an election timeout: possibly the old one again.
        TestCluster.Node next = Appender.appendOnLeader(cluster, bytes("after"), TAKEOVER_BOUND);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.printf("TAKEOVER stepDown without a successor: node %d -> node %d, first append after %d ms%n", old.id,
                next.id, ms);
        assertThat(next.quorum.currentTerm()).isGreaterThan(term);
        awaitSameStateEverywhere(List.of("before", "after"));
        assertThat(old.listener.leaderEvents()).as("node %d was told it no longer leads term %d", old.id, term)
                .anyMatch(e -> !e.local() && e.term() >= term);
    }
}

package io.tributary.quorum;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/** Test helpers for "append wherever the leader is now" and for reporting takeover times. */
final class Appender {

    private Appender() {
    }

    /** Appends on whichever running node leads, retrying until one append commits; returns that node. */
    static TestCluster.Node appendOnLeader(TestCluster cluster, byte[] entry, Duration atMost) {
        return appendOnLeaderOtherThan(cluster, null, entry, atMost);
    }

    /**
     * Appends on whichever node leads, ignoring {@code excluded}: a leader that is stopping may still
     * accept an append before it hands off, and a takeover is only measured on its successor. Should
     * {@code excluded} lead a later term (a hand-off that found no responsive follower falls back to
     * an election, which it may win, as {@link RaftQuorum#stepDown} documents), it is asked to step
     * down again, so that the wait is for a successor and not for luck.
     */
    static TestCluster.Node appendOnLeaderOtherThan(TestCluster cluster, TestCluster.Node excluded, byte[] entry,
                                                    Duration atMost) {
        AtomicReference<TestCluster.Node> done = new AtomicReference<>();
        long excludedTerm = excluded == null || excluded.quorum == null ? -1 : excluded.quorum.currentTerm();
        await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> {
            RaftQuorum old = excluded == null ? null : excluded.quorum;
            if (old != null && excluded.running() && old.isLeader() && old.currentTerm() > excludedTerm) {
                System.out.println("node " + excluded.id + " won term " + old.currentTerm() + " again; asking it to step down again");
                old.stepDown(old.currentTerm());
            }
            Optional<TestCluster.Node> leader = cluster.running().stream()
                    .filter(n -> n != excluded && n.quorum.isLeader()).findFirst();
            if (leader.isEmpty()) {
                return false;
            }
            try {
                RaftQuorum q = leader.get().quorum;
                if (q == null) {
                    return false;
                }
                q.append(entry).get(2, TimeUnit.SECONDS);
                done.set(leader.get());
                return true;
            } catch (Exception e) {
                return false;
            }
        });
        return done.get();
    }

    static void report(String what, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        long median = sorted.get(sorted.size() / 2);
        long max = sorted.get(sorted.size() - 1);
        System.out.printf("TAKEOVER %s: runs=%d median=%d ms max=%d ms all=%s%n", what, sorted.size(), median, max, millis);
    }
}

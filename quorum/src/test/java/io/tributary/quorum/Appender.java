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
        AtomicReference<TestCluster.Node> done = new AtomicReference<>();
        await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> {
            Optional<TestCluster.Node> leader = cluster.leader();
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

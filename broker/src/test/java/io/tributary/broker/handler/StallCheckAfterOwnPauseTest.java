package io.tributary.broker.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.partition.Partition;
import io.tributary.common.Time;
import io.tributary.replication.partition.IsrProposal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader's ISR check after the leader itself did not run for a while (a GC pause, load): the
 * followers' fetches may still sit unread in its sockets, so the silence it measures is its own.
 * The stall rule then waits one stall window, and fires after it if the follower is still silent.
 */
class StallCheckAfterOwnPauseTest {

    private static final long LAG_MAX_MS = 30_000;
    private static final long STALL_MAX_MS = 500;
    private static final long CHECK_INTERVAL_MS = 125;
    private static final long FOLLOWER_BROKER_EPOCH = 10 + HostedPartitions.OTHER;   // as HostedPartitions registers it

    @TempDir
    Path dir;

    /** Milliseconds since the test's start, on both of the clock's faces. */
    final AtomicLong elapsedMs = new AtomicLong();
    final long baseMs = System.currentTimeMillis();
    final Time clock = new Time() {
        @Override
        public long milliseconds() {
            return baseMs + elapsedMs.get();
        }

        @Override
        public long nanoseconds() {
            return elapsedMs.get() * 1_000_000L;
        }
    };

    @Test
    void aLateCheckHoldsTheStallRuleForOneWindow() throws Exception {
        try (HostedPartitions hosted = new HostedPartitions(dir, clock)) {
            hosted.createTopic("t", List.of(HostedPartitions.LOCAL, HostedPartitions.OTHER));
            Partition p = hosted.partition("t");
            assertThat(p.onFollowerFetch(HostedPartitions.OTHER, FOLLOWER_BROKER_EPOCH, 0, baseMs)).isTrue();
            hosted.replicas().maybeShrinkIsrs(LAG_MAX_MS, STALL_MAX_MS, CHECK_INTERVAL_MS);
            hosted.append("t", 1);   // records wait for follower 2 from now (the wall clock, about baseMs)

            elapsedMs.set(10_000);   // the next check comes ten seconds late: this node was not running
            hosted.replicas().maybeShrinkIsrs(LAG_MAX_MS, STALL_MAX_MS, CHECK_INTERVAL_MS);
            assertThat(p.pendingProposal(0)).as("a late check does not trust the silence it measures").isEmpty();

            for (int i = 0; i < 3; i++) {
                elapsedMs.addAndGet(CHECK_INTERVAL_MS);
                hosted.replicas().maybeShrinkIsrs(LAG_MAX_MS, STALL_MAX_MS, CHECK_INTERVAL_MS);
                assertThat(p.pendingProposal(0)).as("within one stall window of running again").isEmpty();
            }
            elapsedMs.set(10_000 + STALL_MAX_MS);
            hosted.replicas().maybeShrinkIsrs(LAG_MAX_MS, STALL_MAX_MS, CHECK_INTERVAL_MS);
            assertThat(p.pendingProposal(0)).hasValueSatisfying(proposal -> {
                assertThat(proposal.rules()).containsExactly(IsrProposal.Rule.STALLED);
                assertThat(proposal.changedReplicas()).containsExactly(HostedPartitions.OTHER);
            });
        }
    }
}

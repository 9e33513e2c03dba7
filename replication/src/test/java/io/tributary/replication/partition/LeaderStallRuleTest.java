package io.tributary.replication.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The stall rule of {@link LeaderState#maybeShrinkIsr}: an ISR follower that sends no fetch for more
 * than {@code replica.fetch.stall.max.ms} while records wait for it is proposed for removal, long
 * before {@code replica.lag.time.max.ms} would remove it.
 */
class LeaderStallRuleTest {

    private static final long LAG_MAX_MS = 30_000L;
    private static final long STALL_MAX_MS = 500L;

    /** Leader 1 of {1, 2, 3} at log end 10, both followers caught up with a fetch parked at t = 1000. */
    private static LeaderState caughtUp() {
        LeaderState s = new LeaderState(1, 7, Set.of(1, 2, 3), Set.of(1, 2, 3), 1, 10, 10, 0);
        s.onFollowerFetch(2, 10, 1_000);
        s.onFollowerFetch(3, 10, 1_000);
        return s;
    }

    @Test
    void aFollowerSilentWhileRecordsWaitIsProposedForRemoval() {
        LeaderState s = caughtUp();
        s.onLocalAppend(11, 2_000);
        s.onFollowerFetch(2, 11, 2_010);
        assertThat(s.maybeShrinkIsr(2_000 + STALL_MAX_MS, LAG_MAX_MS, STALL_MAX_MS).proposal()).isEmpty();

        LeaderUpdate u = s.maybeShrinkIsr(2_000 + STALL_MAX_MS + 40, LAG_MAX_MS, STALL_MAX_MS);

        assertThat(u.proposal()).hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo(IsrProposal.Kind.SHRINK);
            assertThat(p.proposedIsr()).containsExactlyInAnyOrder(1, 2);
            assertThat(p.changedReplicas()).containsExactly(3);
            assertThat(p.rules()).containsExactly(IsrProposal.Rule.STALLED);
            assertThat(p.reason()).isEqualTo("follower 3 sent no fetch for 540 ms while records waited (replica.fetch.stall.max.ms=500)");
        });
    }

    @Test
    void aFollowerThatKeepsFetchingIsNotStalledHoweverFarBehind() {
        LeaderState s = caughtUp();
        long offset = 10;
        for (long nowMs = 1_100; nowMs < 20_000; nowMs += 100) {
            s.onLocalAppend(s.localLogEndOffset() + 10, nowMs);
            offset += 5;   // half the pace: ever further behind, but fetching every 100 ms
            s.onFollowerFetch(2, offset, nowMs + 50);
            s.onFollowerFetch(3, s.localLogEndOffset(), nowMs + 50);
            assertThat(s.maybeShrinkIsr(nowMs + 99, LAG_MAX_MS, STALL_MAX_MS).proposal()).isEmpty();
        }
        assertThat(s.follower(2).logEndOffset()).isLessThan(s.localLogEndOffset() - 500);
    }

    @Test
    void anIdlePartitionNeverShrinksForSilence() {
        LeaderState s = caughtUp();
        // Nothing appended: silent followers (paused or not) hold up no write.
        assertThat(s.maybeShrinkIsr(LAG_MAX_MS, LAG_MAX_MS, STALL_MAX_MS).proposal()).isEmpty();
        s.onLocalAppend(10, LAG_MAX_MS);   // the log end did not move
        assertThat(s.maybeShrinkIsr(LAG_MAX_MS + 10 * STALL_MAX_MS, LAG_MAX_MS, STALL_MAX_MS).proposal()).isEmpty();
    }

    @Test
    void aFetchResetsTheClock() {
        LeaderState s = caughtUp();
        s.onLocalAppend(20, 2_000);
        s.onFollowerFetch(2, 20, 2_010);
        // Follower 3 fetches once while still behind (answered at once with records), then goes quiet.
        s.onFollowerFetch(3, 15, 2_400);
        assertThat(s.follower(3).waitingSinceMs()).isEqualTo(2_400);
        assertThat(s.maybeShrinkIsr(2_600, LAG_MAX_MS, STALL_MAX_MS).proposal()).isEmpty();
        assertThat(s.maybeShrinkIsr(2_900, LAG_MAX_MS, STALL_MAX_MS).proposal()).isEmpty();
        assertThat(s.maybeShrinkIsr(2_901, LAG_MAX_MS, STALL_MAX_MS).proposal())
                .hasValueSatisfying(p -> assertThat(p.reason()).contains("follower 3 sent no fetch for 501 ms"));
    }

    @Test
    void aFetchThatReachesTheLogEndStopsTheClockUntilTheNextAppend() {
        LeaderState s = caughtUp();
        s.onLocalAppend(20, 2_000);
        s.onFollowerFetch(2, 20, 2_010);
        s.onFollowerFetch(3, 20, 2_020);
        assertThat(s.follower(3).waitingSinceMs()).isEqualTo(LeaderState.NOT_WAITING);
        assertThat(s.maybeShrinkIsr(9_000, LAG_MAX_MS, STALL_MAX_MS).proposal()).isEmpty();
        s.onLocalAppend(21, 9_000);
        assertThat(s.follower(3).waitingSinceMs()).isEqualTo(9_000);
        assertThat(s.maybeShrinkIsr(9_501, LAG_MAX_MS, STALL_MAX_MS).proposal()).isPresent();
    }

    @Test
    void aFollowerThatNeverFetchedInThisTermIsTimedFromTheFirstAppend() {
        LeaderState s = new LeaderState(1, 7, Set.of(1, 2), Set.of(1, 2), 1, 10, 10, 0);
        assertThat(s.maybeShrinkIsr(10_000, LAG_MAX_MS, STALL_MAX_MS).proposal()).isEmpty();
        s.onLocalAppend(11, 10_000);
        assertThat(s.maybeShrinkIsr(10_500, LAG_MAX_MS, STALL_MAX_MS).proposal()).isEmpty();
        assertThat(s.maybeShrinkIsr(10_501, LAG_MAX_MS, STALL_MAX_MS).proposal())
                .hasValueSatisfying(p -> assertThat(p.changedReplicas()).containsExactly(2));
    }

    @Test
    void zeroTurnsTheRuleOffAndKafkasRuleStillApplies() {
        LeaderState s = caughtUp();
        s.onLocalAppend(11, 2_000);
        assertThat(s.maybeShrinkIsr(2_000 + 10 * STALL_MAX_MS, LAG_MAX_MS, 0).proposal()).isEmpty();
        assertThat(s.maybeShrinkIsr(1_000 + LAG_MAX_MS + 1, LAG_MAX_MS, 0).proposal()).hasValueSatisfying(p -> {
            assertThat(p.changedReplicas()).containsExactlyInAnyOrder(2, 3);
            assertThat(p.rules()).containsExactly(IsrProposal.Rule.LAGGING);
            assertThat(p.reason()).contains("follower 2 has not caught up for 30001 ms (replica.lag.time.max.ms=30000)");
        });
        assertThatThrownBy(() -> s.maybeShrinkIsr(0, LAG_MAX_MS, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}

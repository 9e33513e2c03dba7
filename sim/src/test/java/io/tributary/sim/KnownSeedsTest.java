package io.tributary.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Schedules that once broke an invariant, replayed as they are (a later change to what seeds draw
 * may give them other schedules; the test then still runs them, but pins less).
 */
class KnownSeedsTest {

    /**
     * Seed 903327, 60 s of faults: a paused leader of epoch 20, deposed, read late fetches from a
     * follower's earlier incarnation and counted its position from before a power loss, while the
     * follower, back from that unclean stop as the last ISR member, led epoch 23 without that tail.
     * The leader now forgets positions of restarted followers it knows of and refuses late fetches;
     * what it cannot know is KIP-966's case, excused and counted, not a broken invariant.
     */
    @Test
    void aDeposedLeaderCountingARestartedFollowersOldPositionIsTheLastReplicaStandingCase() {
        SimResult r = new Simulation(SimConfig.fromSeed(903327).withFaultPeriodMs(60_000)).run();
        assertThat(r.coverage().count(Coverage.Mark.FOLLOWER_RESTART_FORGOTTEN)).isPositive();
        assertThat(r.coverage().count(Coverage.Mark.LAST_ISR_MEMBER_LOST_COMMITTED)).isEqualTo(1);
    }
}

package io.tributary.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Schedules that once broke an invariant, replayed as they are (a later change to what seeds draw
 * may give them other schedules; the test then still runs them, but pins less). The first two
 * predate the group coordinator and reassignments, so they run without them
 * ({@code new Simulation(config, false)}), which keeps their schedules event for event.
 */
class KnownSeedsTest {

    /**
     * Seed 903327, 60 s of faults (at commit 464849c): a paused leader of epoch 20, deposed, read
     * late fetches from a follower's earlier incarnation and counted its position from before a
     * power loss, while that follower, back from the unclean stop as the last ISR member, led epoch
     * 23 without that tail. Leaders now forget the positions of followers that registered again and
     * refuse late fetches, and with KIP-966 a broker back from an unclean stop leaves the ISR and the
     * ELR: the schedule now needs no excuse at all.
     */
    @Test
    void restartedFollowersAreForgottenAndNothingCommittedIsLost() {
        SimResult r = new Simulation(SimConfig.fromSeed(903327).withFaultPeriodMs(60_000), false).run();
        assertThat(r.coverage().count(Coverage.Mark.FOLLOWER_RESTART_FORGOTTEN)).isPositive();
        assertThat(r.coverage().count(Coverage.Mark.LEADER_ELECTED_FROM_ELR)).isPositive();
        assertThat(r.coverage().count(Coverage.Mark.LAST_ISR_MEMBER_LOST_COMMITTED)).isZero();
        assertThat(r.coverage().count(Coverage.Mark.COMMITTED_LOST_TO_POWER_LOSS)).isZero();
    }

    /**
     * Seed 4582927 (RF 2, min ISR 2, acks=all, 39,830 ms of faults; at commit a3a624a): with the ISR
     * empty and the ELR [1, 3], min ISR dropped to 1 and 3 came back and led alone, but 1 stayed in
     * the ELR. 3 then committed records 1 never had, and once min ISR rose again and 3 was fenced, 1
     * was elected from the ELR without them. An ELR member elected leader now takes the ELR through
     * the same min ISR rule as every other change: alone at min ISR, it leaves no ELR behind.
     */
    @Test
    void anElrLeaderAtMinIsrLeavesNoStaleElr() {
        SimResult r = new Simulation(SimConfig.of(4582927, 2, 2, AcksMix.ALL, null).withFaultPeriodMs(39_830), false).run();
        assertThat(r.coverage().count(Coverage.Mark.LEADER_ELECTED_FROM_ELR)).isPositive();
    }

    /**
     * Seed 13 (with the group coordinator, at the commit that added it) failed "committed offsets
     * never go back": b2 was paused holding a simple committer's OffsetCommit of 714; the heal at
     * the end of the fault period resumed b2 early, the client's retries (719, 722) reached it at
     * once and were acknowledged, and then the held 714 was applied over them. A TCP connection
     * cannot reorder so; a held message now keeps its place on a group client's link.
     */
    @Test
    void aPausedCoordinatorAppliesHeldCommitsInOrder() {
        SimResult r = new Simulation(SimConfig.fromSeed(13)).run();
        assertThat(r.coverage().count(Coverage.Mark.OFFSET_COMMIT_ACKNOWLEDGED)).isPositive();
        assertThat(r.coverage().count(Coverage.Mark.BROKER_PAUSED)).isPositive();
    }

    /**
     * Seed 7 with RF 3, min ISR 2 and acks=1 (jqwik's draw in {@code SimulationProperties}, at the
     * commit that added reassignments) failed "an ELR member elected holds every committed record":
     * a move was adding b2 to a partition of a topic that allows unclean elections; fencing b1, its
     * last ISR member, elected b2, which had copied nothing yet, and fencing b2 in the same batch
     * left it in the ELR. The checker saw only the batch's end, missed the unclean election, and
     * blamed the later ELR election. It now checks the state after every record of a batch.
     */
    @Test
    void anUncleanElectionOfAnAddingReplicaIsSeenWhenItsFencingSharesTheBatch() {
        SimResult r = new Simulation(SimConfig.of(7, 3, 2, AcksMix.ONE, null)).run();
        assertThat(r.coverage().count(Coverage.Mark.UNCLEAN_ELECTION_ALLOWED)).isPositive();
        assertThat(r.coverage().count(Coverage.Mark.COMMITTED_LOST_TO_UNCLEAN_ELECTION)).isPositive();
    }

    /**
     * Seed 179 (at the commit that added reassignments) takes every step of a move in one short
     * schedule, under crashes: started, an adding replica joining the ISR, completed, the leader
     * moved off, a replica removed, a move cancelled and one interrupted by a crash. The CI seeds
     * require each mark too; this pins one cheap schedule that reaches them all.
     */
    @Test
    void oneScheduleTakesEveryStepOfAReassignment() {
        SimResult r = new Simulation(SimConfig.fromSeed(179)).run();
        for (Coverage.Mark mark : Coverage.Mark.values()) {
            if (mark.name().startsWith("REASSIGNMENT_")) {
                assertThat(r.coverage().count(mark)).as("%s", mark).isPositive();
            }
        }
    }

    /**
     * Seed 4111 (with reassignments, at the commit that added them) failed "a leader elected by a
     * completed move holds every committed record": a move removed b2 from a partition, and a fetch
     * b2 had sent at offset 39 before deleting its copy reached the leader after the next move added
     * b2 back; the leader counted it, b2 joined the ISR with an empty log, and that move's completion
     * elected it. A change that removes a replica now bumps the leader epoch (as Kafka's controller
     * does), so the late fetch is refused.
     */
    @Test
    void aRemovedReplicasLateFetchDoesNotCountOnceItIsAddedBack() {
        SimResult r = new Simulation(SimConfig.fromSeed(4111)).run();
        assertThat(r.coverage().count(Coverage.Mark.REASSIGNMENT_REPLICA_REMOVED)).isPositive();
        assertThat(r.coverage().count(Coverage.Mark.FENCED_LEADER_FETCH_REFUSED)).isPositive();
    }
}

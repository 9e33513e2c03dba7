package io.tributary.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The group coordinator inside the simulation: groups form and commit, and its own invariant can fail. */
class CoordinatorSimulationTest {

    private static final int MAX_SEEDS = 500;

    @Test
    void aQuietClusterServesGroupsAndAcknowledgesCommits() {
        for (long seed = 1; seed <= 20; seed++) {
            SimConfig config = SimConfig.of(seed, 3, 2, AcksMix.ALL, null).withFaults(FaultProfile.none());
            SimResult result = new Simulation(config).run();
            assertThat(result.coverage().count(Coverage.Mark.OFFSET_COMMIT_ACKNOWLEDGED)).as("seed %d", seed).isPositive();
        }
    }

    /**
     * A coordinator that answers before the high watermark passes its records breaks acks=all
     * (the replication checker sees an acknowledgement the log does not keep), and, once such a
     * commit dies with its coordinator's broker, "committed offsets never go back": some seed must
     * show the coordinator's own invariant failing, not only the replication checker's.
     */
    @Test
    void theCoordinatorInvariantCatchesAnAcknowledgementBeforeTheHighWatermark() {
        for (long seed = 1; seed <= MAX_SEEDS; seed++) {
            SimConfig config = SimConfig.fromSeed(seed).withMutation(Mutation.COORDINATOR_ACK_BEFORE_HW);
            try {
                new Simulation(config).run();
            } catch (SimulationFailure caught) {
                if (caught.invariant().contains("committed offsets never go back")) {
                    System.out.println("COORDINATOR_ACK_BEFORE_HW broke the coordinator invariant at seed " + seed + ": "
                            + caught.getCause().getMessage());
                    return;
                }
            }
        }
        assertThat(false).as("no seed in 1..%d broke the coordinator invariant with %s", MAX_SEEDS,
                Mutation.COORDINATOR_ACK_BEFORE_HW).isTrue();
    }
}

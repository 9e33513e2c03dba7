package io.tributary.sim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each planted bug must be caught by some schedule within a bounded number of seeds: proof that
 * the checker can fail, and that the faults reach the paths each bug breaks.
 */
class MutationTest {

    private static final int MAX_SEEDS = 2000;

    @ParameterizedTest
    @EnumSource(Mutation.class)
    void someSeedCatchesThePlantedBug(Mutation mutation) {
        for (long seed = 1; seed <= MAX_SEEDS; seed++) {
            SimConfig config = SimConfig.fromSeed(seed).withMutation(mutation);
            try {
                // The replication mutations run without the coordinator and without reassignments: their
                // seeds keep the schedules that caught them before those existed, and the run costs what it did.
                new Simulation(config, mutation == Mutation.COORDINATOR_ACK_BEFORE_HW, mutation == Mutation.REMOVE_BEFORE_SWITCH).run();
            } catch (SimulationFailure caught) {
                System.out.println(mutation + " caught by seed " + seed + " (" + caught.invariant() + "): "
                        + caught.getCause().getMessage());
                return;
            }
        }
        assertThat(false).as("no seed in 1..%d caught %s", MAX_SEEDS, mutation).isTrue();
    }
}

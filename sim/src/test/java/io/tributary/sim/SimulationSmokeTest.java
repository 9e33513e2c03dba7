package io.tributary.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A few schedules without faults: the cluster forms, replicates, acknowledges and settles. */
class SimulationSmokeTest {

    @Test
    void aQuietClusterReplicatesAndAcknowledges() {
        for (long seed = 1; seed <= 20; seed++) {
            SimConfig config = SimConfig.of(seed, 3, 2, AcksMix.ALL, null).withFaults(FaultProfile.none());
            SimResult result = new Simulation(config).run();
            assertThat(result.coverage().count(Coverage.Mark.ACKS_ALL_ACKNOWLEDGED)).as("seed %d", seed).isPositive();
        }
    }
}

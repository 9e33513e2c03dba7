package io.tributary.sim;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replays one schedule, given on the command line, and prints its failure in full:
 * {@code mvn -pl sim -am test -Dtest=SimulationReplayTest -Dsurefire.failIfNoSpecifiedTests=false -Dsim.seed=123}
 * (plus {@code -Dsim.rf}, {@code -Dsim.minIsr}, {@code -Dsim.acks}, {@code -Dsim.mutation} when the failure printed them).
 * Without {@code -Dsim.seed} it does nothing.
 */
class SimulationReplayTest {

    @Test
    void replay() {
        SimConfig config = SimConfigs.fromSystemProperties();
        Assumptions.assumeTrue(config != null, "no -Dsim.seed given");
        SimResult result = new Simulation(config).run();
        System.out.println("seed " + config.seed() + " passed: " + result.events() + " events, trace hash " + result.traceHash());
        System.out.println(result.coverage().report(1));
    }
}

package io.tributary.sim;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Seeded schedules over the knobs that change the replication rules most: the replication factor
 * (1..3), {@code min.insync.replicas} (1..RF) and the acks mix; the seed draws everything else
 * (brokers, faults, timings). A failure prints the schedule, the broken invariant, the last
 * events, and the command that replays it.
 */
class SimulationProperties {

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void everyScheduleKeepsTheInvariants(@ForAll("schedules") SimConfig config) {
        new Simulation(config).run();
    }

    @Provide
    Arbitrary<SimConfig> schedules() {
        Arbitrary<Long> seeds = Arbitraries.longs().between(1, Long.MAX_VALUE / 2);
        Arbitrary<Integer> rfs = Arbitraries.integers().between(1, 3);
        Arbitrary<AcksMix> acks = Arbitraries.of(AcksMix.class);
        return Combinators.combine(seeds, rfs, acks).flatAs((seed, rf, mix) ->
                Arbitraries.integers().between(1, rf).map(minIsr -> SimConfig.of(seed, rf, minIsr, mix, null)));
    }
}

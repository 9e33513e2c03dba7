package io.tributary.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI run: {@code sim.seeds} schedules (default {@value #DEFAULT_SEEDS}) with every parameter
 * drawn from the seed, starting at {@code sim.firstSeed} (default 1). It reports how often each
 * coverage mark was hit and fails when a schedule broke an invariant (printing the first failure
 * in full and the seeds of the others) or when a required mark was never reached. The long mode is
 * the same test with more seeds: {@code -Dsim.seeds=1000000} runs as long as you let it, and
 * {@code -Dsim.faultPeriodMs=60000} makes every schedule's fault period longer.
 */
class SimulationSeedsTest {

    static final int DEFAULT_SEEDS = 1250;
    private static final int MAX_FAILURES_LISTED = 20;

    @Test
    void manySchedulesKeepTheInvariantsAndReachEveryMark() {
        String n = SimConfigs.property("sim.seeds");
        String first = SimConfigs.property("sim.firstSeed");
        long seeds = n == null ? DEFAULT_SEEDS : Long.parseLong(n);
        long firstSeed = first == null ? 1 : Long.parseLong(first);
        Coverage total = new Coverage();
        long events = 0;
        SimulationFailure firstFailure = null;
        List<String> failures = new ArrayList<>();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            try {
                SimResult r = new Simulation(SimConfigs.withOverrides(SimConfig.fromSeed(seed))).run();
                total.addAll(r.coverage());
                events += r.events();
            } catch (SimulationFailure f) {
                if (firstFailure == null) {
                    firstFailure = f;
                }
                failures.add("seed " + seed + ": " + f.invariant());
                if (failures.size() >= MAX_FAILURES_LISTED) {
                    break;
                }
            }
        }
        System.out.println(total.report(seeds) + "events: " + events);
        if (firstFailure != null) {
            throw new AssertionError(failures.size() + " failing schedule(s):\n  " + String.join("\n  ", failures)
                    + "\nthe first in full:" + firstFailure.getMessage(), firstFailure);
        }
        List<Coverage.Mark> missed = new ArrayList<>();
        for (Coverage.Mark mark : Coverage.Mark.values()) {
            if (mark.required && total.count(mark) == 0) {
                missed.add(mark);
            }
        }
        assertThat(missed).as("required coverage marks no schedule reached:\n%s", total.report(seeds)).isEmpty();
    }
}

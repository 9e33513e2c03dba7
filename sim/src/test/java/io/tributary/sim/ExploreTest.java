package io.tributary.sim;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.FileWriter;
import java.util.Map;
import java.util.TreeMap;

class ExploreTest {
    @Test
    void explore() throws Exception {
        int n = Integer.getInteger("explore.n", 300);
        long from = Long.getLong("explore.from", 1);
        Coverage total = new Coverage();
        Map<String, Integer> kinds = new TreeMap<>();
        try (PrintWriter out = new PrintWriter(new FileWriter("/tmp/sim-explore.txt"))) {
            long t0 = System.nanoTime();
            long events = 0;
            for (long seed = from; seed < from + n; seed++) {
                SimConfig c = SimConfig.fromSeed(seed);
                try {
                    SimResult r = new Simulation(c).run();
                    total.addAll(r.coverage());
                    events += r.events();
                } catch (SimulationFailure f) {
                    String k = f.getCause().toString();
                    k = k.length() > 120 ? k.substring(0, 120) : k;
                    kinds.merge(f.invariant(), 1, Integer::sum);
                    out.println("SEED " + seed + " " + k);
                }
            }
            out.println("time ms " + (System.nanoTime() - t0) / 1_000_000 + " events " + events);
            out.println(kinds);
            out.println(total.report(n));
        }
    }
}

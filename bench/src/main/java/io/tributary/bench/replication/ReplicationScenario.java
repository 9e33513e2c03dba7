package io.tributary.bench.replication;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.BenchOptions;
import io.tributary.bench.Scenario;
import io.tributary.bench.ScenarioReport;
import io.tributary.bench.SystemKind;
import io.tributary.bench.foundation.FoundationScenario;
import io.tributary.bench.report.LoadAverage;
import io.tributary.bench.report.Measurements;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Replication: three processes per system, topics of 3 partitions with replication factor 3 and
 * min.insync.replicas=2, measured for acks=all throughput, latency at a fixed rate, broker CPU and
 * memory, and how long a follower killed for 30 s takes to rejoin the ISR (see {@link ReplicationRound}).
 * Each round runs both systems on fresh clusters, one after the other, the order swapped every round.
 */
public final class ReplicationScenario implements Scenario {

    public static final String NAME = "replication";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "three nodes each, RF 3: acks=all throughput and latency, CPU, memory, follower rejoin after 30 s down";
    }

    @Override
    public ScenarioReport run(BenchEnvironment environment) throws Exception {
        BenchOptions options = environment.options();
        ReplicationPlan plan = options.quick() ? ReplicationPlan.quick() : ReplicationPlan.full();
        Measurements measurements = ReplicationMetrics.declared();
        Path scenarioDir = environment.workDirectory().resolve(NAME);
        FoundationScenario.deleteTree(scenarioDir);
        boolean complete = true;
        List<Double> loadAverages = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int round = 1; round <= options.runs(); round++) {
            String roundName = "round " + round + "/" + options.runs();
            List<SystemKind> order = new ArrayList<>(List.of(SystemKind.values()));
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            for (SystemKind system : order) {
                if (!options.systems().contains(system)) {
                    continue;
                }
                Path directory = scenarioDir.resolve("round-" + round + "-" + system.name().toLowerCase(Locale.ROOT));
                System.out.println("bench: " + roundName + ": " + system.displayName() + " cluster in " + directory);
                complete &= new ReplicationRound(environment, system, directory, plan, measurements, roundName, notes).run();
                if (!options.keepData()) {
                    for (int id = 1; id <= ReplicationRound.SIZE; id++) {
                        FoundationScenario.deleteTree(directory.resolve("node-" + id).resolve("data"));
                    }
                }
            }
            loadAverages.add(LoadAverage.oneMinute());
        }
        return new ScenarioReport(NAME, ReplicationReport.markdown(environment, plan, measurements, loadAverages, notes,
                ZonedDateTime.now()),
                complete);
    }
}

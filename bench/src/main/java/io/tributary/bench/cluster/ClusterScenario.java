package io.tributary.bench.cluster;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.BenchOptions;
import io.tributary.bench.Scenario;
import io.tributary.bench.ScenarioReport;
import io.tributary.bench.SystemKind;
import io.tributary.bench.report.LoadAverage;
import io.tributary.bench.report.Measurements;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Cluster: three processes per system, each broker and controller, measured for controller takeover
 * after SIGKILL, metadata propagation to every broker, and three-node startup on empty and on
 * existing directories (see {@link ClusterRound}). Each round runs both systems on fresh clusters, one
 * after the other, the order swapped every round so that drift in the machine's load does not always
 * favour the same system.
 */
public final class ClusterScenario implements Scenario {

    public static final String NAME = "cluster";
    static final int TOPICS_FULL = 10;
    static final int TOPICS_QUICK = 3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "three nodes each: controller takeover after SIGKILL, metadata propagation, startup";
    }

    @Override
    public ScenarioReport run(BenchEnvironment environment) throws Exception {
        BenchOptions options = environment.options();
        int topics = options.quick() ? TOPICS_QUICK : TOPICS_FULL;
        Measurements measurements = ClusterMetrics.declared();
        Path scenarioDir = environment.workDirectory().resolve(NAME);
        deleteTree(scenarioDir);
        boolean complete = true;
        List<Double> loadAverages = new ArrayList<>();
        for (int round = 1; round <= options.runs(); round++) {
            String roundName = "round " + round + "/" + options.runs();
            List<SystemKind> order = new ArrayList<>(List.of(SystemKind.values()));
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (SystemKind system : order) {
                if (!options.systems().contains(system)) {
                    continue;
                }
                Path directory = scenarioDir.resolve("round-" + round + "-" + system.name().toLowerCase(Locale.ROOT));
                System.out.println("bench: " + roundName + ": " + system.displayName() + " cluster in " + directory);
                complete &= new ClusterRound(environment, system, directory, topics, measurements, roundName).run();
                if (!options.keepData()) {
                    for (int id = 1; id <= ClusterRound.SIZE; id++) {
                        deleteTree(directory.resolve("node-" + id).resolve("data"));
                    }
                }
            }
            loadAverages.add(LoadAverage.oneMinute());
        }
        return new ScenarioReport(NAME, ClusterReport.markdown(environment, topics, measurements, loadAverages, ZonedDateTime.now()),
                complete);
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

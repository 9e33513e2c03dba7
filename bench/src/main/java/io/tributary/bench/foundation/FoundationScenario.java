package io.tributary.bench.foundation;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.BenchOptions;
import io.tributary.bench.Scenario;
import io.tributary.bench.ScenarioReport;
import io.tributary.bench.SystemKind;
import io.tributary.bench.node.BrokerNode;
import io.tributary.bench.profile.HotMethods;
import io.tributary.bench.report.LoadAverage;
import io.tributary.bench.report.Measurements;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Foundation: one node of each system, the same produce / latency / consume load, each measurement
 * alternating Tributary, Kafka, Tributary, Kafka ... (see {@link FoundationRound}), fresh nodes every
 * round, summarised as medians with the ratio Tributary / Kafka. A system that fails a round is
 * reported with what it did produce, and the round's failure is listed; the other system carries on.
 */
public final class FoundationScenario implements Scenario {

    public static final String NAME = "foundation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "one node each: produce, latency, consume, memory";
    }

    @Override
    public ScenarioReport run(BenchEnvironment environment) throws Exception {
        BenchOptions options = environment.options();
        FoundationPlan plan = options.quick() ? FoundationPlan.quick() : FoundationPlan.full();
        Measurements measurements = FoundationMetrics.declared(options.partitions());
        Path scenarioDir = environment.workDirectory().resolve(NAME);
        deleteTree(scenarioDir);
        List<SystemKind> order = List.of(SystemKind.values()).stream().filter(options.systems()::contains).toList();
        boolean complete = true;
        List<Double> loadAverages = new ArrayList<>();
        for (int round = 1; round <= options.runs(); round++) {
            String roundName = "round " + round + "/" + options.runs();
            Map<BrokerNode, Path> nodes = new LinkedHashMap<>();
            for (SystemKind system : order) {
                Path directory = scenarioDir.resolve("round-" + round + "-" + system.name().toLowerCase(Locale.ROOT));
                nodes.put(environment.newNode(system, directory), directory);
            }
            complete &= new FoundationRound(environment, plan, measurements, roundName, nodes).run();
            loadAverages.add(LoadAverage.oneMinute());
            for (Map.Entry<BrokerNode, Path> node : nodes.entrySet()) {
                if (options.jfr()) {
                    printHotMethods(environment.recording(node.getKey().kind(), node.getValue()));
                }
                if (!options.keepData()) {
                    deleteTree(node.getValue().resolve("data"));
                }
            }
        }
        return new ScenarioReport(NAME, FoundationReport.markdown(environment, plan, measurements, loadAverages, ZonedDateTime.now()), complete);
    }

    private static void printHotMethods(Path recording) {
        if (!Files.isRegularFile(recording)) {
            System.out.println("bench: no flight recording at " + recording);
            return;
        }
        try {
            HotMethods.print(recording, 25, System.out);
        } catch (IOException | RuntimeException e) {
            System.out.println("bench: could not read " + recording + ": " + e.getMessage());
        }
    }

    public static void deleteTree(Path path) throws IOException {
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

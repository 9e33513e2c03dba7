package io.tributary.bench;

import io.tributary.bench.cluster.ClusterScenario;
import io.tributary.bench.failover.FailoverScenario;
import io.tributary.bench.foundation.FoundationScenario;
import io.tributary.bench.groups.GroupsScenario;
import io.tributary.bench.replication.ReplicationScenario;
import io.tributary.bench.report.DocsSection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The bench's entry point: {@code bench/run <scenario> [options]}. It runs one scenario, prints its
 * report, saves it under bench/target/results, and (on full runs) regenerates that scenario's section
 * of docs/benchmarks.md. Exit code 0 when every round of every system succeeded, 1 when some failed
 * (the report says which), 2 on a usage error.
 */
public final class Bench {

    /** Every scenario by subcommand name. Adding a scenario is one line here plus its class. */
    static final Map<String, Supplier<Scenario>> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put(FoundationScenario.NAME, FoundationScenario::new);
        SCENARIOS.put(ClusterScenario.NAME, ClusterScenario::new);
        SCENARIOS.put(ReplicationScenario.NAME, ReplicationScenario::new);
        SCENARIOS.put(FailoverScenario.NAME, FailoverScenario::new);
        SCENARIOS.put(GroupsScenario.NAME, GroupsScenario::new);
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("tributary.home", ".")).toAbsolutePath().normalize();
        BenchOptions options;
        Scenario scenario;
        try {
            options = BenchOptions.parse(Arrays.asList(args), root.resolve("docs/benchmarks.md"));
            Supplier<Scenario> factory = SCENARIOS.get(options.scenario());
            if (factory == null) {
                throw new IllegalArgumentException("unknown scenario " + options.scenario());
            }
            scenario = factory.get();
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.printf(BenchOptions.USAGE, SCENARIOS.values().stream()
                    .map(Supplier::get).map(s -> s.name() + " (" + s.description() + ")").collect(Collectors.joining(", ")));
            System.exit(2);
            return;
        }
        BenchEnvironment environment = BenchEnvironment.create(options, root);
        ScenarioReport report = scenario.run(environment);

        System.out.println();
        System.out.println(report.markdown());
        Path results = root.resolve("bench/target/results");
        Files.createDirectories(results);
        Path saved = results.resolve(report.scenario() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Files.writeString(saved, report.markdown(), StandardCharsets.UTF_8);
        System.out.println("bench: report saved to " + root.relativize(saved));
        if (options.docs().isPresent()) {
            Path docs = options.docs().get();
            DocsSection.write(docs, report.scenario(), report.markdown());
            System.out.println("bench: regenerated the " + report.scenario() + " section of " + docs);
        }
        System.exit(report.complete() ? 0 : 1);
    }
}

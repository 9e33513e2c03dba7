package io.tributary.bench.cluster;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.BenchOptions;
import io.tributary.bench.SystemKind;
import io.tributary.bench.report.Comparison;
import io.tributary.bench.report.Measurements;
import io.tributary.bench.report.ResultTable;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Markdown the cluster scenario prints and writes into its section of docs/benchmarks.md. */
final class ClusterReport {

    private ClusterReport() {
    }

    static String markdown(BenchEnvironment environment, int topics, Measurements measurements, List<Double> loadAverages,
                           ZonedDateTime when) {
        BenchOptions options = environment.options();
        StringBuilder out = new StringBuilder();
        out.append("### Cluster: three nodes each").append(options.quick() ? " (quick run)" : "").append("\n\n");
        out.append("- Command: `").append(options.command()).append("`\n");
        out.append("- Date: ").append(when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT))).append("\n");
        out.append(environment.machine().markdown());
        for (SystemKind system : SystemKind.values()) {
            if (options.systems().contains(system)) {
                out.append("- ").append(system.displayName()).append(" nodes: ").append(environment.launchDescription(system)).append("\n");
            }
        }
        out.append("- Cluster: 3 processes per system on loopback, each `process.roles=broker,controller` with the same "
                + "`controller.quorum.voters`; every timeout is each system's default.\n");
        out.append(String.format(Locale.ROOT, "- Rounds: %d; each round starts a fresh cluster of each system in turn (order swapped "
                + "every round) and runs, in order: start on empty directories, propagation of %d new topics (%d partitions, "
                + "replication factor %d), SIGKILL of the active controller, the killed node launched again, SIGTERM to all, "
                + "restart on the existing directories, SIGTERM to all.%n", options.runs(), topics,
                PropagationMeasurement.PARTITIONS, PropagationMeasurement.REPLICATION_FACTOR));
        out.append("- Machine load (1-minute load average after each round): ").append(loadAverages.stream()
                .map(v -> String.format(Locale.ROOT, "%.1f", v)).collect(Collectors.joining(", "))).append("\n\n");
        out.append(ResultTable.summary(measurements)).append("\n");
        out.append("All rows in milliseconds, median (min–max) over every sample (one per round; propagation: one per topic). "
                + "Ratio = Tributary median / Kafka median; *even* means within ±").append(Math.round(Comparison.EVEN_BAND * 100))
                .append("%. n/a: the system has no such step (Tributary needs no format; Kafka's brokers do not name the active "
                        + "controller to clients).\n\n");
        List<String> failures = ResultTable.failureLines(measurements);
        if (!failures.isEmpty()) {
            out.append("Failures (rows above use only the steps that produced a figure):\n\n");
            failures.forEach(f -> out.append("- ").append(f).append("\n"));
            out.append("\n");
        }
        out.append("<details><summary>Raw samples</summary>\n\n").append(ResultTable.samples(measurements)).append("\n</details>\n");
        return out.toString();
    }
}

package io.tributary.bench.foundation;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.BenchOptions;
import io.tributary.bench.SystemKind;
import io.tributary.bench.load.ClientJvm;
import io.tributary.bench.report.Comparison;
import io.tributary.bench.report.Measurements;
import io.tributary.bench.report.ResultTable;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Markdown the foundation scenario prints and writes into its section of docs/benchmarks.md. */
final class FoundationReport {

    private FoundationReport() {
    }

    static String markdown(BenchEnvironment environment, FoundationPlan plan, Measurements measurements,
                           List<Double> loadAverages, ZonedDateTime when) {
        BenchOptions options = environment.options();
        StringBuilder out = new StringBuilder();
        out.append("### Foundation: one node each").append(options.quick() ? " (quick run)" : "").append("\n\n");
        out.append("- Command: `").append(options.command()).append("`\n");
        out.append("- Date: ").append(when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT))).append("\n");
        out.append(environment.machine().markdown());
        for (SystemKind system : SystemKind.values()) {
            if (options.systems().contains(system)) {
                out.append("- ").append(system.displayName()).append(" node: ").append(environment.launchDescription(system)).append("\n");
            }
        }
        out.append(String.format(Locale.ROOT,
                "- Load: Kafka's `ProducerPerformance` (acks=all, idempotent, %,d-byte random values), %,d records per "
                        + "throughput topic of which the first %,d are warm-up and left out; latency at %,d records/s for %,d "
                        + "records (%,d warm-up); consume with the bench's `AssignConsumer` (assign + seekToBeginning, client "
                        + "defaults). Each load generator is its own JVM (%s).%n",
                plan.recordSizeBytes(), plan.throughputRecords(), plan.throughputWarmup(), plan.latencyRecordsPerSec(),
                plan.latencyRecords(), plan.latencyWarmup(), String.join(" ", ClientJvm.HEAP)));
        List<String> systems = options.systems().stream().sorted().map(SystemKind::displayName).toList();
        out.append(String.format(Locale.ROOT, "- Rounds: %d, each on fresh nodes; every measurement runs %s, one system right after the other; the idle node waits.%n", options.runs(),
                systems.size() > 1 ? "against " + String.join(", then ", systems) : "against " + systems.get(0) + " only"));
        out.append("- Machine load (1-minute load average after each round): ").append(loadLine(loadAverages)).append("\n\n");
        out.append(ResultTable.summary(measurements)).append("\n");
        out.append("Ratio = Tributary median / Kafka median; the *Better* column says which direction wins for that row; "
                + "*even* means within ±").append(Math.round(Comparison.EVEN_BAND * 100)).append("%. MB = 2^20 bytes.\n\n");
        List<String> failures = ResultTable.failureLines(measurements);
        if (!failures.isEmpty()) {
            out.append("Failures (rows above use only the rounds that produced a figure):\n\n");
            failures.forEach(f -> out.append("- ").append(f).append("\n"));
            out.append("\n");
        }
        out.append("<details><summary>Raw samples</summary>\n\n").append(ResultTable.samples(measurements)).append("\n</details>\n");
        return out.toString();
    }

    static String loadLine(List<Double> loadAverages) {
        return loadAverages.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).collect(Collectors.joining(", "));
    }
}

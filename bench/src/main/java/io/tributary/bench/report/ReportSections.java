package io.tributary.bench.report;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.BenchOptions;
import io.tributary.bench.SystemKind;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The parts every multi-node scenario's report shares, so each report writes only what is its own: the
 * title and the run's provenance (command, date, machine, how each system's nodes were launched), the
 * machine load, the failures, and the raw samples.
 */
public final class ReportSections {

    private ReportSections() {
    }

    /** The title line and the provenance bullets: command, date, machine, each measured system's launch. */
    public static String header(BenchEnvironment environment, String title, ZonedDateTime when) {
        BenchOptions options = environment.options();
        StringBuilder out = new StringBuilder();
        out.append("### ").append(title).append(options.quick() ? " (quick run)" : "").append("\n\n");
        out.append("- Command: `").append(options.command()).append("`\n");
        out.append("- Date: ").append(when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT))).append("\n");
        out.append(environment.machine().markdown());
        for (SystemKind system : SystemKind.values()) {
            if (options.systems().contains(system)) {
                out.append("- ").append(system.displayName()).append(" nodes: ").append(environment.launchDescription(system)).append("\n");
            }
        }
        return out.toString();
    }

    /** {@code - Machine load (1-minute load average after each <unit>): 1.2, 3.4} and a blank line. */
    public static String machineLoad(String unit, List<Double> loadAverages) {
        return "- Machine load (1-minute load average after each " + unit + "): " + loadAverages.stream()
                .map(v -> String.format(Locale.ROOT, "%.1f", v)).collect(Collectors.joining(", ")) + "\n\n";
    }

    /** The failures as bullets under a heading, or nothing when every step produced its figure. */
    public static String failures(Measurements measurements) {
        List<String> failures = ResultTable.failureLines(measurements);
        if (failures.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("Failures (rows above use only the steps that produced a figure):\n\n");
        failures.forEach(f -> out.append("- ").append(f).append("\n"));
        return out.append("\n").toString();
    }

    /** Every sample in run order, folded away under the table. */
    public static String rawSamples(Measurements measurements) {
        return "<details><summary>Raw samples</summary>\n\n" + ResultTable.samples(measurements) + "\n</details>\n";
    }

    /** The sentence under every summary table: what the medians, the ratio and "even" mean. */
    public static String ratioNote() {
        return "Median (min–max) over runs. Ratio = Tributary median / Kafka median; *even* means within ±"
                + Math.round(Comparison.EVEN_BAND * 100) + "%; n/a where Kafka's median is 0. ";
    }

    /** What each run saw, one bullet per line, folded away. */
    public static String runList(List<String> runLines) {
        StringBuilder out = new StringBuilder("<details><summary>Every run</summary>\n\n");
        runLines.forEach(line -> out.append("- ").append(line).append("\n"));
        return out.append("\n</details>\n\n").toString();
    }
}

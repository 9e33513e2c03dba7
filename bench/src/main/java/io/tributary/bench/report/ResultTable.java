package io.tributary.bench.report;

import io.tributary.bench.SystemKind;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders {@link Measurements} as Markdown: one summary row per metric (both systems' median with
 * min–max, the ratio Tributary / Kafka and what it means), then the raw samples in run order, so a
 * reader can check the medians and see drift between rounds.
 */
public final class ResultTable {

    private ResultTable() {
    }

    public static String summary(Measurements measurements) {
        StringBuilder out = new StringBuilder();
        out.append("| Metric | Unit | Better | Tributary median (min–max) | Kafka median (min–max) | Tributary / Kafka | Tributary is |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Metric metric : measurements.metrics()) {
            Comparison comparison = measurements.compare(metric);
            out.append("| ").append(metric.label())
                    .append(" | ").append(metric.unit())
                    .append(" | ").append(metric.direction().word())
                    .append(" | ").append(cell(comparison.tributary(), metric.decimals()))
                    .append(" | ").append(cell(comparison.kafka(), metric.decimals()))
                    .append(" | ").append(comparison.ratio().map(ResultTable::ratio).orElse("n/a"))
                    .append(" | ").append(verdict(comparison.verdict()))
                    .append(" |\n");
        }
        return out.toString();
    }

    public static String samples(Measurements measurements) {
        StringBuilder out = new StringBuilder();
        out.append("| Metric | Unit | System | Samples in run order |\n");
        out.append("|---|---|---|---|\n");
        for (Metric metric : measurements.metrics()) {
            for (SystemKind system : SystemKind.values()) {
                String values = measurements.summary(metric, system)
                        .map(s -> s.samples().stream().map(v -> number(v, metric.decimals())).collect(Collectors.joining(", ")))
                        .orElse("none");
                out.append("| ").append(metric.label()).append(" | ").append(metric.unit()).append(" | ").append(system.displayName())
                        .append(" | ").append(values).append(" |\n");
            }
        }
        return out.toString();
    }

    /** The failures of each system, one bullet each; empty when every run succeeded. */
    public static List<String> failureLines(Measurements measurements) {
        return java.util.Arrays.stream(SystemKind.values())
                .flatMap(system -> measurements.failures(system).stream().map(reason -> system.displayName() + ": " + reason))
                .toList();
    }

    static String cell(Optional<Summary> summary, int decimals) {
        if (summary.isEmpty()) {
            return "n/a";
        }
        Summary s = summary.get();
        if (s.count() == 1) {
            return number(s.median(), decimals) + " (1 run)";
        }
        return number(s.median(), decimals) + " (" + number(s.min(), decimals) + "–" + number(s.max(), decimals) + ")";
    }

    static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String verdict(Comparison.Verdict verdict) {
        return switch (verdict) {
            case BETTER -> "better";
            case EVEN -> "even (±" + Math.round(Comparison.EVEN_BAND * 100) + "%)";
            case WORSE -> "**worse**";
            case UNKNOWN -> "n/a";
        };
    }
}

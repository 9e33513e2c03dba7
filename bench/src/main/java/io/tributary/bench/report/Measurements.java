package io.tributary.bench.report;

import io.tributary.bench.SystemKind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The samples a scenario collects, per metric and per system, in the order the metrics were first
 * declared (which is the order the table prints them). Not thread-safe: the bench measures one thing
 * at a time on purpose.
 */
public final class Measurements {

    private final Map<Metric, Map<SystemKind, List<Double>>> samples = new LinkedHashMap<>();
    private final Map<SystemKind, List<String>> failures = new EnumMap<>(SystemKind.class);

    /** Declares a metric so that it gets a row even if no run of either system produces a sample. */
    public void declare(Metric metric) {
        samples.computeIfAbsent(metric, m -> new EnumMap<>(SystemKind.class));
    }

    public void add(Metric metric, SystemKind system, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(metric.label() + " for " + system + " is not finite: " + value);
        }
        declare(metric);
        samples.get(metric).computeIfAbsent(system, s -> new ArrayList<>()).add(value);
    }

    /** Records why a run of a system produced no (or only some) samples; the report lists these. */
    public void fail(SystemKind system, String reason) {
        failures.computeIfAbsent(system, s -> new ArrayList<>()).add(reason);
    }

    /**
     * Records that a run failed with {@code error} while doing {@code context}: the exception and its
     * causes, each as type and message (some, such as timeouts, carry no message at all), on one line
     * cut to a readable length for the report. Returns the whole description, for the console.
     */
    public String fail(SystemKind system, String context, Throwable error) {
        String reason = context + ": " + describe(error);
        fail(system, oneLine(reason));
        return reason;
    }

    private static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                out.append(": ").append(t.getMessage());
            }
        }
        return out.toString();
    }

    private static String oneLine(String message) {
        String joined = String.join(" / ", message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return joined.length() <= 300 ? joined : joined.substring(0, 297) + "...";
    }

    public List<Metric> metrics() {
        return List.copyOf(samples.keySet());
    }

    public Optional<Summary> summary(Metric metric, SystemKind system) {
        List<Double> values = samples.getOrDefault(metric, Map.of()).get(system);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(Summary.of(values));
    }

    public Comparison compare(Metric metric) {
        return new Comparison(summary(metric, SystemKind.TRIBUTARY), summary(metric, SystemKind.KAFKA), metric.direction());
    }

    public List<String> failures(SystemKind system) {
        return List.copyOf(failures.getOrDefault(system, List.of()));
    }
}

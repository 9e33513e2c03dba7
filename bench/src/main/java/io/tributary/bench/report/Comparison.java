package io.tributary.bench.report;

import java.util.Optional;

/**
 * Tributary's median against Kafka's median for one metric, as the ratio Tributary / Kafka. Either side
 * may be missing (a system failed to start, or a measurement failed); then there is no ratio.
 */
public record Comparison(Optional<Summary> tributary, Optional<Summary> kafka, Direction direction) {

    /** Ratios within this distance of 1.0 are called even: run-to-run noise on a shared box is at least this large. */
    public static final double EVEN_BAND = 0.05;

    public enum Verdict { BETTER, EVEN, WORSE, UNKNOWN }

    /** Tributary's median divided by Kafka's; empty when either is missing or Kafka's median is zero. */
    public Optional<Double> ratio() {
        if (tributary.isEmpty() || kafka.isEmpty() || kafka.get().median() == 0.0) {
            return Optional.empty();
        }
        return Optional.of(tributary.get().median() / kafka.get().median());
    }

    /** Whether Tributary is better, even (within {@link #EVEN_BAND}) or worse, read in the metric's direction. */
    public Verdict verdict() {
        Optional<Double> ratio = ratio();
        if (ratio.isEmpty()) {
            return Verdict.UNKNOWN;
        }
        double value = ratio.get();
        if (Math.abs(value - 1.0) <= EVEN_BAND) {
            return Verdict.EVEN;
        }
        boolean tributaryHigher = value > 1.0;
        return tributaryHigher == (direction == Direction.HIGHER_IS_BETTER) ? Verdict.BETTER : Verdict.WORSE;
    }
}

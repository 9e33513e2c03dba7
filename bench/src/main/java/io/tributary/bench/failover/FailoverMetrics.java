package io.tributary.bench.failover;

import io.tributary.bench.report.Measurements;
import io.tributary.bench.report.Metric;

import java.util.EnumMap;
import java.util.Map;

/** The rows of the failover table, per signal, in the order they print. Lower is better in every row. */
final class FailoverMetrics {

    /** The rows of one signal. */
    record Rows(Metric moved, Metric failover, Metric stall, Metric stallBefore, Metric rejoin, Metric lost, Metric duplicated) {
    }

    static final Map<Signal, Rows> BY_SIGNAL = new EnumMap<>(Signal.class);
    static final Metric TERM_EXIT = Metric.millis("SIGTERM → the process exited");

    static {
        for (Signal signal : Signal.values()) {
            String s = signal.name();
            String back = signal == Signal.SIGSTOP ? "SIGCONT" : "relaunch";
            BY_SIGNAL.put(signal, new Rows(
                    Metric.millis(s + " → describeTopics shows new leaders for every partition the victim led"),
                    Metric.millis(s + " → first write acknowledged by a new leader (slowest of the victim's partitions)"),
                    Metric.millis(s + " → longest acknowledgement gap of partitions led by other brokers"),
                    Metric.millis(s + ": the same gap in the " + FailoverRun.BASELINE.toSeconds() + " s before the signal (baseline)"),
                    Metric.millis(s + ": " + back + " → the victim back in every ISR it hosts"),
                    Metric.records(s + ": acknowledged records lost"),
                    Metric.records(s + ": records stored more than once (extra copies)")));
        }
    }

    private FailoverMetrics() {
    }

    static Measurements declared() {
        Measurements measurements = new Measurements();
        for (Signal signal : Signal.values()) {
            Rows rows = BY_SIGNAL.get(signal);
            measurements.declare(rows.moved());
            measurements.declare(rows.failover());
            measurements.declare(rows.stall());
            measurements.declare(rows.stallBefore());
            measurements.declare(rows.rejoin());
            if (signal == Signal.SIGTERM) {
                measurements.declare(TERM_EXIT);
            }
            measurements.declare(rows.lost());
            measurements.declare(rows.duplicated());
        }
        return measurements;
    }
}

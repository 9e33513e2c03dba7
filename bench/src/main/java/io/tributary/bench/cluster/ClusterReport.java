package io.tributary.bench.cluster;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.BenchOptions;
import io.tributary.bench.report.Comparison;
import io.tributary.bench.report.Measurements;
import io.tributary.bench.report.ReportSections;
import io.tributary.bench.report.ResultTable;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/** The Markdown the cluster scenario prints and writes into its section of docs/benchmarks.md. */
final class ClusterReport {

    private ClusterReport() {
    }

    static String markdown(BenchEnvironment environment, int topics, Measurements measurements, List<Double> loadAverages,
                           ZonedDateTime when) {
        BenchOptions options = environment.options();
        StringBuilder out = new StringBuilder();
        out.append(ReportSections.header(environment, "Cluster: three nodes each", when));
        out.append("- Cluster: 3 processes per system on loopback, each `process.roles=broker,controller` with the same "
                + "`controller.quorum.voters`; every timeout is each system's default.\n");
        out.append(String.format(Locale.ROOT, "- Rounds: %d; each round starts a fresh cluster of each system in turn (order swapped "
                + "every round) and runs, in order: start on empty directories, propagation of %d new topics (%d partitions, "
                + "replication factor %d), SIGKILL of the active controller, the killed node launched again, SIGTERM to all, "
                + "restart on the existing directories, SIGTERM to all.%n", options.runs(), topics,
                PropagationMeasurement.PARTITIONS, PropagationMeasurement.REPLICATION_FACTOR));
        out.append(ReportSections.machineLoad("round", loadAverages));
        out.append(ResultTable.summary(measurements)).append("\n");
        out.append("All rows in milliseconds, median (min–max) over every sample (one per round; propagation: one per topic). "
                + "Ratio = Tributary median / Kafka median; *even* means within ±").append(Math.round(Comparison.EVEN_BAND * 100))
                .append("%. n/a: the system has no such step (Tributary needs no format; Kafka's brokers do not name the active "
                        + "controller to clients).\n\n");
        out.append(ReportSections.failures(measurements));
        out.append(ReportSections.rawSamples(measurements));
        return out.toString();
    }
}

package io.tributary.bench.failover;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.SystemKind;
import io.tributary.bench.load.SteadyProducer;
import io.tributary.bench.replication.IsrWatch;
import io.tributary.bench.report.Measurements;
import io.tributary.bench.report.ReportSections;
import io.tributary.bench.report.ResultTable;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The Markdown the failover scenario prints and writes into its section of docs/benchmarks.md. */
final class FailoverReport {

    private FailoverReport() {
    }

    static String markdown(BenchEnvironment environment, Measurements measurements, List<Double> loadAverages,
                           List<String> runLines, Map<SystemKind, Long> sessionTimeoutsMs, Map<SystemKind, Duration> durations,
                           ZonedDateTime when) {
        StringBuilder out = new StringBuilder();
        out.append(ReportSections.header(environment, "Failover: three nodes each, the seed's layout", when));
        out.append(String.format(Locale.ROOT, "- Cluster: 3 processes per system, each broker and controller, every setting "
                        + "each system's default. Topics %s and %s: %d partitions, replication factor 2; %s: %d partitions, "
                        + "replication factor 3, min.insync.replicas=%d.%n",
                FailoverSession.TOPIC_A, FailoverSession.TOPIC_B, FailoverSession.PARTITIONS, FailoverSession.TOPIC_C,
                FailoverSession.PARTITIONS, FailoverSession.MIN_INSYNC_C));
        out.append(String.format(Locale.ROOT, "- Load: the official Java producer in the bench's JVM (acks=all, "
                        + "enable.idempotence=true, every other setting the client's default, the same for both systems), one "
                        + "small record to every partition every %d ms; each record's send time, acknowledgement time and offset "
                        + "are kept, and the run's records are read back afterwards with the leader epoch of each.%n",
                SteadyProducer.INTERVAL_MS));
        out.append("- broker.session.timeout.ms as each system reported it (DescribeConfigs): ").append(sessionTimeoutsMs.entrySet()
                .stream().map(e -> e.getKey().displayName() + " " + e.getValue() + " ms").collect(Collectors.joining(", ")))
                .append(String.format(Locale.ROOT, "; SIGSTOP is held that long plus %d ms, and at least %d ms past the "
                                + "moment its leaderships moved, then SIGCONT.%n",
                        FailoverRun.STOP_PAST_SESSION.toMillis(), FailoverRun.STOP_PAST_MOVE.toMillis()));
        out.append(String.format(Locale.ROOT, "- Runs: %d per signal per system; each run applies SIGKILL, SIGTERM, SIGSTOP in "
                        + "turn to a broker leading a partition of %s that is not the active controller, on one cluster per "
                        + "system; both clusters stay up and the systems take turns run by run (order swapped every run), "
                        + "the other cluster idle meanwhile. Time in runs: %s.%n", environment.options().runs(),
                FailoverSession.TOPIC_C, durations.entrySet().stream().map(e -> e.getKey().displayName() + " "
                        + String.format(Locale.ROOT, "%.1f min", e.getValue().toMillis() / 60_000.0)).collect(Collectors.joining(", "))));
        out.append(ReportSections.machineLoad("run of both systems", loadAverages));
        out.append(ResultTable.summary(measurements)).append("\n");
        out.append(ReportSections.ratioNote())
                .append("Failover: from the signal to the first acknowledgement of a record that the read-back shows in a leader "
                        + "epoch newer than the one of the last record acknowledged before the signal, for each partition the "
                        + "victim led; the row takes the slowest of them. Gap: the longest time between consecutive "
                        + "acknowledgements of any partition the victim did not lead, from the signal until ")
                .append(FailoverRun.AFTER_RECOVERY.toSeconds()).append(" s after every partition acknowledged again. ISR rows are "
                        + "polled every ").append(IsrWatch.POLL_MS).append(" ms through describeTopics. Lost: acknowledged "
                        + "and not read back; duplicated: a value read back more than once.\n\n");
        out.append(ReportSections.failures(measurements));
        out.append(ReportSections.runList(runLines));
        out.append(ReportSections.rawSamples(measurements));
        return out.toString();
    }
}

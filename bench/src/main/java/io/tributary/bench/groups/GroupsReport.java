package io.tributary.bench.groups;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.SystemKind;
import io.tributary.bench.load.SteadyProducer;
import io.tributary.bench.report.Measurements;
import io.tributary.bench.report.ReportSections;
import io.tributary.bench.report.ResultTable;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The Markdown the groups scenario prints and writes into its section of docs/benchmarks.md. */
final class GroupsReport {

    private GroupsReport() {
    }

    static String markdown(BenchEnvironment environment, GroupsPlan plan, Measurements measurements, List<Double> loadAverages,
                           List<String> runLines, Map<SystemKind, Duration> durations, ZonedDateTime when) {
        StringBuilder out = new StringBuilder();
        out.append(ReportSections.header(environment, "Groups: three nodes each, consumer groups and committed offsets", when));
        out.append(String.format(Locale.ROOT, "- Cluster: 3 processes per system, each broker and controller, every setting each "
                        + "system's default (group.initial.rebalance.delay.ms included). Topic %s: %d partitions, replication factor 3.%n",
                GroupsSession.TOPIC, GroupsSession.PARTITIONS));
        if (plan.loadOnly()) {
            out.append("- Measured: the offsets load alone (`--offsets-mib`); consume, rebalance and failover were not run.\n");
        } else {
            out.append(String.format(Locale.ROOT, "- Members: the official Java consumer, subscribed, enable.auto.commit=false, "
                            + "commitSync after every poll that returned records (poll timeout %d ms), every other setting the client's "
                            + "default. Coordinator failover: %d members while the steady producer writes one record to every partition "
                            + "every %d ms; the broker killed is the group's coordinator, chosen not to be the active controller.%n",
                    GroupMember.POLL_MS, CoordinatorFailover.MEMBERS, SteadyProducer.INTERVAL_MS));
            out.append(String.format(Locale.ROOT, "- Consume: %,d records of %d B produced by ProducerPerformance (acks=all), then read by "
                            + "kafka-consumer-perf-test (Kafka 4.3.1's ConsumerPerformance: one consumer subscribed in a new group, its own "
                            + "fetch settings, `--num-records %d --timeout %d`); the rows are the tool's own figures: fetch.MB.sec and "
                            + "fetch.nMsg.sec leave out its rebalance.time.ms, MB.sec counts it.%n",
                    plan.consumeRecords(), GroupsSession.RECORD_BYTES, plan.consumeRecords(), GroupsSession.RECORD_GAP.toMillis()));
        }
        out.append(String.format(Locale.ROOT, "- Offsets load: one partition of %s filled to %d MiB by %d groups committing %d partitions "
                        + "with %d characters of metadata each, min.compaction.lag.ms=%s on the topic so the cleaner leaves it whole; "
                        + "then an ElectLeaders (preferred) moves it to a replica that must replay it.%n", GroupAdmin.OFFSETS_TOPIC,
                plan.offsetsBytes() / (1024 * 1024), OffsetsLoad.GROUPS, OffsetsLoad.FILL_PARTITIONS, OffsetsLoad.METADATA_CHARS,
                OffsetsLoad.COMPACTION_LAG_MS));
        out.append(String.format(Locale.ROOT, "- Runs: %d per system, the systems taking turns run by run (order swapped every run). "
                + "Time in runs: %s.%n", environment.options().runs(), durations.entrySet().stream()
                .map(e -> e.getKey().displayName() + " " + String.format(Locale.ROOT, "%.1f min", e.getValue().toMillis() / 60_000.0))
                .collect(Collectors.joining(", "))));
        out.append(ReportSections.machineLoad("run of both systems", loadAverages));
        out.append(ResultTable.summary(measurements)).append("\n");
        out.append(ReportSections.ratioNote())
                .append("Failover rows count only commits that started after the SIGKILL. Redelivered below an acknowledged commit: a "
                        + "record consumed again although a commit past it had been acknowledged before the poll that returned it "
                        + "began (must be 0); skipped: a record no member consumed (must be 0).\n\n");
        out.append(ReportSections.failures(measurements));
        out.append(ReportSections.runList(runLines));
        out.append(ReportSections.rawSamples(measurements));
        return out.toString();
    }
}

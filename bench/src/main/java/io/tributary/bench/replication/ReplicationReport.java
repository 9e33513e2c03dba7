package io.tributary.bench.replication;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.BenchOptions;
import io.tributary.bench.load.ClientJvm;
import io.tributary.bench.report.Comparison;
import io.tributary.bench.report.Measurements;
import io.tributary.bench.report.ReportSections;
import io.tributary.bench.report.ResultTable;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/** The Markdown the replication scenario prints and writes into its section of docs/benchmarks.md. */
final class ReplicationReport {

    private ReplicationReport() {
    }

    static String markdown(BenchEnvironment environment, ReplicationPlan plan, Measurements measurements, List<Double> loadAverages,
                           List<String> notes, ZonedDateTime when) {
        BenchOptions options = environment.options();
        StringBuilder out = new StringBuilder();
        out.append(ReportSections.header(environment, "Replication: three nodes each, replication factor 3", when));
        out.append(settings(plan, options.runs()));
        out.append(ReportSections.machineLoad("round", loadAverages));
        out.append(ResultTable.summary(measurements)).append("\n");
        out.append("Ratio = Tributary median / Kafka median; *even* means within ±").append(Math.round(Comparison.EVEN_BAND * 100))
                .append("%. MB = 2^20 bytes. Memory rows have one sample per broker per round; ISR rows are polled every ")
                .append(IsrWatch.POLL_MS).append(" ms through describeTopics, so they include up to one poll and one round trip.\n\n");
        if (!notes.isEmpty()) {
            out.append("Notes:\n\n");
            notes.forEach(n -> out.append("- ").append(n).append("\n"));
            out.append("\n");
        }
        out.append(ReportSections.failures(measurements));
        out.append(ReportSections.rawSamples(measurements));
        return out.toString();
    }

    /** The cluster, topic and load settings, as bullets; pure, so the wording is tested against the plan. */
    static String settings(ReplicationPlan plan, int runs) {
        return String.format(Locale.ROOT,
                "- Cluster: 3 processes per system on loopback, each `process.roles=broker,controller` with the same "
                        + "`controller.quorum.voters`; every timeout is each system's default. Topics: %d partitions, replication "
                        + "factor %d, `min.insync.replicas=%d` (topic config); measuring starts once every replica is in the ISR.%n"
                        + "- Load: Kafka's `ProducerPerformance` (acks=all, idempotent, %,d-byte random values), %,d records as fast "
                        + "as acks=all allows of which the first %,d are warm-up and left out; latency at %,d records/s for %,d "
                        + "records (%,d warm-up). Each load generator is its own JVM (%s). CPU is user + system time of the three "
                        + "broker processes over the whole throughput run, divided by the bytes produced once (not per replica).%n"
                        + "- Rejoin: a follower that leads no partition of its topic (explicit assignment) and is not the active "
                        + "controller gets SIGKILL while a producer sends %,d records/s (acks=all) to that topic; it is launched "
                        + "again %d s after the kill on its directory; from that launch until describeTopics (through the survivors) "
                        + "shows it in the ISR of every partition. Every record of that load must be acknowledged.%n"
                        + "- Rounds: %d; each round starts a fresh cluster of each system in turn (order swapped every round).%n",
                ReplicationPlan.PARTITIONS, ReplicationPlan.REPLICATION_FACTOR, ReplicationPlan.MIN_INSYNC_REPLICAS,
                plan.recordSizeBytes(), plan.throughputRecords(), plan.throughputWarmup(), plan.latencyRecordsPerSec(),
                plan.latencyRecords(), plan.latencyWarmup(), String.join(" ", ClientJvm.HEAP), plan.rejoinRecordsPerSec(),
                plan.downtime().toSeconds(), runs);
    }
}

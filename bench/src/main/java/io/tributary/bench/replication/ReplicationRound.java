package io.tributary.bench.replication;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.SystemKind;
import io.tributary.bench.cluster.BenchCluster;
import io.tributary.bench.cluster.TakeoverMeasurement;
import io.tributary.bench.load.ProducerPerfResult;
import io.tributary.bench.load.ProducerPerfRun;
import io.tributary.bench.node.ClusterMember;
import io.tributary.bench.node.ProcessProbe;
import io.tributary.bench.report.Measurements;
import io.tributary.bench.report.Metric;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One round of the replication scenario for one system, on a fresh three-node cluster in its own
 * directory: (Kafka: format) → start → three topics of 3 partitions, RF 3, min.insync.replicas=2, and a
 * wait until every replica is in sync → produce as fast as acks=all allows (CPU summed over the three
 * brokers) → produce at 5,000 records/s for latency → memory of each broker → a follower killed under
 * load and restarted after the downtime ({@link RejoinMeasurement}) → SIGTERM to all. A step that fails
 * ends the round for this system and is reported; the figures of the steps before it count.
 */
final class ReplicationRound {

    static final int SIZE = 3;
    static final String TOPIC_THROUGHPUT = "replicated-throughput";
    static final String TOPIC_LATENCY = "replicated-latency";
    static final String TOPIC_REJOIN = "replicated-rejoin";
    static final Map<String, String> TOPIC_CONFIGS = Map.of("min.insync.replicas", Integer.toString(ReplicationPlan.MIN_INSYNC_REPLICAS));

    private static final double GIB = 1024.0 * 1024.0 * 1024.0;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration IN_SYNC_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PRODUCE_TIMEOUT = Duration.ofMinutes(30);
    /** A fixed-rate run below this share of its rate did not measure latency at that rate, and is noted as such. */
    private static final double RATE_REACHED = 0.98;

    private final BenchEnvironment environment;
    private final SystemKind system;
    private final Path directory;
    private final ReplicationPlan plan;
    private final Measurements measurements;
    private final String roundName;
    private final List<String> notes;

    /** @param notes where the round adds what a reader must know to read its figures (a rate not reached, say) */
    ReplicationRound(BenchEnvironment environment, SystemKind system, Path directory, ReplicationPlan plan,
                     Measurements measurements, String roundName, List<String> notes) {
        this.environment = environment;
        this.system = system;
        this.directory = directory;
        this.plan = plan;
        this.measurements = measurements;
        this.roundName = roundName;
        this.notes = notes;
    }

    /** Runs the round; false when a step failed (the failure is recorded in the measurements). */
    boolean run() {
        String step = "creating the cluster";
        try (BenchCluster cluster = BenchCluster.create(environment, system, directory, SIZE)) {
            try {
                step = "starting (Kafka: formatting first)";
                cluster.start(READY_TIMEOUT);

                step = "creating the topics and waiting for every replica to be in sync";
                ClusterMember victim = createTopics(cluster);

                step = "producing as fast as acks=all allows";
                List<Long> pids = cluster.running().stream().map(ClusterMember::pid).toList();
                Duration cpuBefore = cpuTime(pids);
                ProducerPerfResult throughput = produce(cluster, TOPIC_THROUGHPUT, plan.throughputRecords(), plan.throughputWarmup(), -1);
                double cpuSeconds = cpuTime(pids).minus(cpuBefore).toNanos() / 1e9;
                add(ReplicationMetrics.PRODUCE_RECORDS, throughput.recordsPerSec());
                add(ReplicationMetrics.PRODUCE_MB, throughput.mbPerSec());
                add(ReplicationMetrics.CPU_PRODUCE, cpuSeconds / (plan.throughputBytes() / GIB));

                step = "producing at a fixed rate for latency";
                ProducerPerfResult latency = produce(cluster, TOPIC_LATENCY, plan.latencyRecords(), plan.latencyWarmup(),
                        plan.latencyRecordsPerSec());
                add(ReplicationMetrics.LATENCY_P50, latency.p50Ms());
                add(ReplicationMetrics.LATENCY_P99, latency.p99Ms());
                add(ReplicationMetrics.LATENCY_P999, latency.p999Ms());
                if (latency.recordsPerSec() < RATE_REACHED * plan.latencyRecordsPerSec()) {
                    note(String.format(Locale.ROOT, "the latency run reached only %,.0f of %,d records/s (the load generator "
                            + "or the cluster did not keep up on the shared cores): its latencies are not at the nominal rate",
                            latency.recordsPerSec(), plan.latencyRecordsPerSec()));
                }
                for (long pid : pids) {
                    ProcessProbe.Memory memory = ProcessProbe.memory(pid);
                    add(ReplicationMetrics.RSS_AFTER_PRODUCE, memory.rssKiB() / 1024.0);
                    add(ReplicationMetrics.HWM_AFTER_PRODUCE, memory.hwmKiB() / 1024.0);
                }

                step = "killing follower " + victim.nodeId() + " under load and restarting it after "
                        + plan.downtime().toSeconds() + " s";
                RejoinMeasurement.Result rejoin = RejoinMeasurement.measure(cluster, victim, TOPIC_REJOIN, plan,
                        environment.clients(), directory.resolve("producer-" + TOPIC_REJOIN + ".log"));
                add(ReplicationMetrics.ISR_SHRINK, rejoin.shrinkMs());
                add(ReplicationMetrics.REJOIN, rejoin.rejoinMs());
                progress(String.format(Locale.ROOT, "follower %d: out of every ISR %.0f ms after SIGKILL, back in every ISR "
                                + "%.0f ms after its restart; the load meanwhile: %,.0f records/s, p99 %d ms, max %.0f ms",
                        rejoin.victim(), rejoin.shrinkMs(), rejoin.rejoinMs(), rejoin.load().recordsPerSec(),
                        rejoin.load().p99Ms(), rejoin.load().maxLatencyMs()));

                step = "stopping every node";
                cluster.stopAll();
                return true;
            } catch (Exception e) {
                String reason = measurements.fail(system, roundName + ", " + step, e);
                System.out.println("bench: " + system.displayName() + " failed in " + reason + "\n" + cluster.logTails(20));
                return false;
            }
        } catch (Exception e) {
            measurements.fail(system, roundName + ", " + step, e);
            return false;
        }
    }

    /**
     * Creates the three topics and waits until every partition has all three replicas in sync, so no
     * measurement starts while followers are still joining. Returns the follower the rejoin step will
     * kill: not the active controller, and (by the rejoin topic's explicit assignment) leader of nothing.
     */
    private ClusterMember createTopics(BenchCluster cluster) throws Exception {
        List<Integer> ids = cluster.members().stream().map(ClusterMember::nodeId).toList();
        int controller = TakeoverMeasurement.awaitActiveController(cluster.running(), Set.of(),
                System.nanoTime() + READY_TIMEOUT.toNanos());
        int victim = RejoinLayout.victim(ids, controller);
        List<String> topics = List.of(TOPIC_THROUGHPUT, TOPIC_LATENCY, TOPIC_REJOIN);
        try (Admin admin = BenchCluster.admin(cluster.bootstrap(), Duration.ofSeconds(30))) {
            admin.createTopics(List.of(
                    new NewTopic(TOPIC_THROUGHPUT, ReplicationPlan.PARTITIONS, ReplicationPlan.REPLICATION_FACTOR).configs(TOPIC_CONFIGS),
                    new NewTopic(TOPIC_LATENCY, ReplicationPlan.PARTITIONS, ReplicationPlan.REPLICATION_FACTOR).configs(TOPIC_CONFIGS),
                    new NewTopic(TOPIC_REJOIN, RejoinLayout.assignment(victim, ids, ReplicationPlan.PARTITIONS)).configs(TOPIC_CONFIGS)))
                    .all().get(60, TimeUnit.SECONDS);
            IsrWatch.await(admin, topics, IsrSnapshot::fullyInSync, "every replica of " + topics + " in sync",
                    System.nanoTime() + IN_SYNC_TIMEOUT.toNanos());
            IsrSnapshot rejoinTopic = IsrWatch.snapshot(admin, List.of(TOPIC_REJOIN));
            if (!rejoinTopic.leadsNothing(victim)) {
                throw new IllegalStateException("node " + victim + " leads a partition of " + TOPIC_REJOIN
                        + " although it is the last replica of each: " + rejoinTopic);
            }
        }
        progress("controller " + controller + "; follower " + victim + " will be killed in the rejoin step");
        return cluster.member(victim);
    }

    private ProducerPerfResult produce(BenchCluster cluster, String topic, long records, long warmup, double rate) throws Exception {
        ProducerPerfRun run = new ProducerPerfRun(cluster.bootstrap(), topic, records, warmup, plan.recordSizeBytes(), rate);
        ProducerPerfResult result = run.run(environment.clients(), directory.resolve("producer-" + topic + ".log"), PRODUCE_TIMEOUT);
        progress(String.format(Locale.ROOT, "produce %s%s: %,.0f records/s, %.1f MB/s, p50 %d ms, p99 %d ms, p99.9 %d ms",
                topic, rate > 0 ? " at " + Math.round(rate) + " records/s" : "", result.recordsPerSec(), result.mbPerSec(),
                result.p50Ms(), result.p99Ms(), result.p999Ms()));
        return result;
    }

    private static Duration cpuTime(List<Long> pids) {
        Duration total = Duration.ZERO;
        for (long pid : pids) {
            total = total.plus(ProcessProbe.cpuTime(pid));
        }
        return total;
    }

    private void add(Metric metric, double value) {
        measurements.add(metric, system, value);
    }

    private void note(String message) {
        notes.add(system.displayName() + ", " + roundName + ": " + message);
        progress("note: " + message);
    }

    private void progress(String message) {
        System.out.println("bench: " + roundName + " " + system.displayName() + ": " + message);
    }
}

package io.tributary.bench.groups;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.SystemKind;
import io.tributary.bench.cluster.BenchCluster;
import io.tributary.bench.cluster.TakeoverMeasurement;
import io.tributary.bench.cluster.TurnTaking;
import io.tributary.bench.load.ConsumerPerfResult;
import io.tributary.bench.load.ConsumerPerfRun;
import io.tributary.bench.load.ProducerPerfRun;
import io.tributary.bench.node.ClusterMember;
import io.tributary.bench.replication.IsrSnapshot;
import io.tributary.bench.replication.IsrWatch;
import io.tributary.bench.report.Measurements;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * The group runs of one system, on one three-node cluster with group.initial.rebalance.delay.ms at the
 * system's default: {@link #open} ((Kafka: format) → start → the topic, {@value GroupAdmin#OFFSETS_TOPIC}
 * in sync, the offsets partition filled), then per run {@link #runOnce} (consume throughput, a member
 * joining, coordinator failover, offsets load, each recorded on its own so one failing leaves the others'
 * figures), then {@link #stop}. A failed step is recorded with what was seen; the cluster is then brought
 * back (every node running, every replica in sync) and only if that fails too are the remaining runs skipped.
 */
final class GroupsSession implements TurnTaking.Session {

    static final int SIZE = 3;
    static final String TOPIC = "orders";
    static final int PARTITIONS = 6;
    static final int RECORD_BYTES = 1024;
    /** group.initial.rebalance.delay.ms: the bench writes 0 for its other scenarios; here each system keeps its default. */
    static final String INITIAL_DELAY = "group.initial.rebalance.delay.ms";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration IN_SYNC_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(10);
    /** kafka-consumer-perf-test's --timeout: its clock starts at the subscribe, so it covers the join as well. */
    static final Duration RECORD_GAP = Duration.ofSeconds(120);

    private final BenchEnvironment environment;
    private final SystemKind system;
    private final Path directory;
    private final GroupsPlan plan;
    private final Measurements measurements;
    private final List<String> runLines;
    private BenchCluster cluster;
    private Admin admin;
    private List<TopicPartition> partitions;
    private OffsetsLoad offsetsLoad;
    private OffsetsLoad.Fill fill;
    private boolean broken;

    GroupsSession(BenchEnvironment environment, SystemKind system, Path directory, GroupsPlan plan, Measurements measurements,
                  List<String> runLines) {
        this.environment = environment;
        this.system = system;
        this.directory = directory;
        this.plan = plan;
        this.measurements = measurements;
        this.runLines = runLines;
    }

    /**
     * Starts the cluster, creates the topic and fills the offsets partition; false when any of it failed
     * (recorded). Only a failure before the fill gives up the session's runs.
     */
    @Override
    public boolean open() {
        String step = "creating the cluster";
        try {
            cluster = BenchCluster.create(environment, system, directory, SIZE, Set.of(INITIAL_DELAY));
            step = "starting (Kafka: formatting first)";
            cluster.start(READY_TIMEOUT);
            admin = BenchCluster.admin(cluster.bootstrap(), ADMIN_TIMEOUT);
            step = "creating topic " + TOPIC;
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) SIZE))).all().get(60, TimeUnit.SECONDS);
            partitions = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
            step = "the first group commit (which creates " + GroupAdmin.OFFSETS_TOPIC + ")";
            firstCommit(System.nanoTime() + IN_SYNC_TIMEOUT.toNanos());
            IsrWatch.await(admin, List.of(TOPIC, GroupAdmin.OFFSETS_TOPIC), IsrSnapshot::fullyInSync,
                    "every replica of " + TOPIC + " and " + GroupAdmin.OFFSETS_TOPIC + " in sync", System.nanoTime() + IN_SYNC_TIMEOUT.toNanos());
        } catch (Exception e) {
            broken = true;
            TurnTaking.failed(measurements, system, step, e, cluster);
            return false;
        }
        // A failed fill costs only the offsets-load figure: the other measurements still run.
        String fillStep = "filling a partition of " + GroupAdmin.OFFSETS_TOPIC + " to " + plan.offsetsBytes() / (1024 * 1024) + " MiB";
        try {
            offsetsLoad = new OffsetsLoad(cluster, admin);
            fill = offsetsLoad.fill(plan.offsetsBytes(), controller());
            progress(String.format(Locale.ROOT, "filled %s-%d to %.0f MiB with %d commits in %.0f s", GroupAdmin.OFFSETS_TOPIC,
                    fill.partition(), fill.bytes() / 1048576.0, fill.commits(), fill.seconds()));
        } catch (Exception e) {
            TurnTaking.failed(measurements, system, fillStep + "; the offsets load is not measured", e, cluster);
            return false;
        }
        return true;
    }

    /**
     * The first group commit, made again while it fails with a retriable error until {@code deadlineNs}: on a loaded
     * machine a broker may not know the new topic {@value #TOPIC} yet when the admin client asks it (Kafka answered
     * UNKNOWN_TOPIC_OR_PARTITION so at load average 50).
     */
    private void firstCommit(long deadlineNs) throws Exception {
        while (true) {
            try {
                GroupAdmin.commit(admin, "bench-first", GroupAdmin.endOffsets(admin, partitions));
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() - deadlineNs > 0) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    /**
     * Run {@code run}: the four measurements in turn (the offsets load alone for a load-only plan); false
     * when any failed (each failure is recorded).
     */
    @Override
    public boolean runOnce(int run) {
        if (broken) {
            return false;
        }
        String tag = system.name().toLowerCase(Locale.ROOT) + "-" + run;
        String name = "run " + run + "/" + environment.options().runs();
        boolean complete = true;
        if (!plan.loadOnly()) {
            complete &= step(name + " consume through a group", () -> consume(tag, run));
            complete &= step(name + " a 4th member joins", () -> join(tag));
            complete &= step(name + " coordinator SIGKILL", () -> failover(tag));
        }
        if (fill != null) {
            complete &= step(name + " offsets load", this::load);
        }
        return complete;
    }

    private interface Step {
        String run() throws Exception;
    }

    /** Runs one measurement; on failure records it, brings the cluster back, and gives up the session if that fails too. */
    private boolean step(String name, Step step) {
        if (broken) {
            return false;
        }
        try {
            String line = step.run();
            runLines.add(system.displayName() + " " + name + ": " + line);
            progress(name + ": " + line);
            return true;
        } catch (Exception e) {
            String reason = measurements.fail(system, name, e);
            System.out.println("bench: " + system.displayName() + " failed in " + reason + "\n" + cluster.logTails(15));
            runLines.add(system.displayName() + " " + name + ": failed, see Failures");
            try {
                recover();
            } catch (Exception again) {
                broken = true;
                measurements.fail(system, "recovering after " + name + "; the remaining runs are skipped", again);
            }
            return false;
        }
    }

    private String consume(String tag, int run) throws Exception {
        String topic = "bulk-" + run;
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) SIZE))).all().get(60, TimeUnit.SECONDS);
        try {
            Path logs = directory.resolve("logs");
            Files.createDirectories(logs);
            new ProducerPerfRun(cluster.bootstrap(), topic, plan.consumeRecords(), 0, RECORD_BYTES, -1)
                    .run(environment.clients(), logs.resolve("produce-" + topic + ".log"), LOAD_TIMEOUT);
            ConsumerPerfResult result = new ConsumerPerfRun(cluster.bootstrap(), topic, plan.consumeRecords(), "bench-bulk-" + tag,
                    RECORD_GAP).run(environment.clients(), logs.resolve("consume-" + topic + ".log"), LOAD_TIMEOUT);
            measurements.add(GroupsMetrics.CONSUME_MB, system, result.fetchMbPerSec());
            measurements.add(GroupsMetrics.CONSUME_RECORDS, system, result.fetchRecordsPerSec());
            measurements.add(GroupsMetrics.CONSUME_WHOLE_MB, system, result.mbPerSec());
            measurements.add(GroupsMetrics.CONSUME_JOIN, system, result.rebalanceMs());
            return String.format(Locale.ROOT, "kafka-consumer-perf-test read %d records: %.1f MB/s, %.0f records/s over %d ms of "
                            + "fetching after a %d ms rebalance (%.1f MB/s over the whole run)", result.records(), result.fetchMbPerSec(),
                    result.fetchRecordsPerSec(), result.fetchMs(), result.rebalanceMs(), result.mbPerSec());
        } finally {
            admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
        }
    }

    private String join(String tag) throws Exception {
        JoinRebalance.Result result = new JoinRebalance(cluster.bootstrap(), admin, TOPIC, partitions).run(tag);
        measurements.add(GroupsMetrics.JOIN_ALL, system, result.everyMemberMs());
        measurements.add(GroupsMetrics.JOIN_NEWCOMER, system, result.newcomerMs());
        return String.format(Locale.ROOT, "group %s: every member reassigned %.0f ms, the newcomer %.0f ms after its subscribe",
                result.groupId(), result.everyMemberMs(), result.newcomerMs());
    }

    private String failover(String tag) throws Exception {
        CoordinatorFailover.Result r = new CoordinatorFailover(cluster, admin, TOPIC, partitions).run(tag, controller());
        measurements.add(GroupsMetrics.FAILOVER_FIRST, system, r.firstCommitMs());
        measurements.add(GroupsMetrics.FAILOVER_ALL, system, r.allCommitMs());
        measurements.add(GroupsMetrics.SKIPPED, system, r.verdict().skipped());
        measurements.add(GroupsMetrics.BELOW_COMMIT, system, r.verdict().redeliveredBelowCommit());
        measurements.add(GroupsMetrics.REDELIVERED, system, r.verdict().redelivered() - r.verdict().redeliveredBelowCommit());
        return String.format(Locale.ROOT, "group %s, coordinator %d killed (controller %d); first commit %.0f ms, every member %.0f ms; "
                        + "%d failed commits %s; %d consumed, %d skipped, %d redelivered, %d below an acknowledged commit%s",
                r.groupId(), r.victim(), r.controller(), r.firstCommitMs(), r.allCommitMs(), r.failedCommits(), r.errors(),
                r.verdict().consumed(), r.verdict().skipped(), r.verdict().redelivered(), r.verdict().redeliveredBelowCommit(),
                r.verdict().example().isEmpty() ? "" : " (" + r.verdict().example() + ")");
    }

    private String load() throws Exception {
        OffsetsLoad.Result r = offsetsLoad.measure(fill);
        measurements.add(GroupsMetrics.LOAD, system, r.loadMs());
        measurements.add(GroupsMetrics.ELECT, system, r.electMs());
        return String.format(Locale.ROOT, "%s-%d (%.0f MiB) moved from node %d to %d (restarts of node %d first: %d): elected in %.0f ms, "
                        + "OffsetFetch answered %.0f ms after the ElectLeaders request", GroupAdmin.OFFSETS_TOPIC, fill.partition(),
                r.bytes() / 1048576.0, r.fromLeader(), r.toLeader(), r.toLeader(), r.restarts(), r.electMs(), r.loadMs());
    }

    private int controller() throws Exception {
        return TakeoverMeasurement.awaitActiveController(cluster.running(), Set.of(), System.nanoTime() + IN_SYNC_TIMEOUT.toNanos());
    }

    /** After a failed step: launch every node that is not running, resume any stopped one, and wait for every replica in sync. */
    private void recover() throws Exception {
        for (ClusterMember member : cluster.members()) {
            if (!member.isAlive()) {
                member.launch();
            }
        }
        IsrWatch.await(admin, List.of(TOPIC, GroupAdmin.OFFSETS_TOPIC), IsrSnapshot::fullyInSync, "every replica in sync after recovery",
                System.nanoTime() + IN_SYNC_TIMEOUT.toNanos());
    }

    @Override
    public boolean stop() {
        return TurnTaking.stop(cluster, measurements, system);
    }

    @Override
    public void close() {
        TurnTaking.close(admin, cluster);
    }

    private void progress(String message) {
        System.out.println("bench: groups " + system.displayName() + ": " + message);
    }
}

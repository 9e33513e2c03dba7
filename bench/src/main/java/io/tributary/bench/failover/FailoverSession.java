package io.tributary.bench.failover;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.SystemKind;
import io.tributary.bench.cluster.BenchCluster;
import io.tributary.bench.cluster.TakeoverMeasurement;
import io.tributary.bench.cluster.TurnTaking;
import io.tributary.bench.node.ClusterMember;
import io.tributary.bench.replication.IsrSnapshot;
import io.tributary.bench.replication.IsrWatch;
import io.tributary.bench.report.Measurements;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The failover runs of one system, on one three-node cluster: {@link #open} ((Kafka: format) → start → the
 * seed's topics), then per run {@link #runOnce} (SIGKILL, SIGTERM and SIGSTOP in turn, each a {@link FailoverRun}),
 * then {@link #stop} (SIGTERM to all).
 * A failed run is recorded with what was seen; the victim is then brought back (SIGCONT, relaunch) and the
 * cluster awaited in sync, and only if that fails too are the remaining runs of this system given up.
 */
final class FailoverSession implements TurnTaking.Session {

    static final int SIZE = 3;
    static final int PARTITIONS = 3;
    static final String TOPIC_A = "A";
    static final String TOPIC_B = "B";
    static final String TOPIC_C = "C";
    static final List<String> TOPICS = List.of(TOPIC_A, TOPIC_B, TOPIC_C);
    static final int MIN_INSYNC_C = 2;
    /** Each system's documented default broker.session.timeout.ms, used when DescribeConfigs does not say. */
    static final Map<SystemKind, Long> DEFAULT_SESSION_TIMEOUT_MS = Map.of(SystemKind.TRIBUTARY, 1_500L, SystemKind.KAFKA, 9_000L);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration IN_SYNC_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final BenchEnvironment environment;
    private final SystemKind system;
    private final Path directory;
    private final Measurements measurements;
    private final List<String> runLines;
    private long sessionTimeoutMs = -1;
    private BenchCluster cluster;
    private Admin admin;
    private FailoverRun failoverRun;
    private boolean broken;

    /** @param runLines where each run adds one line of what it saw, for the report's per-run table */
    FailoverSession(BenchEnvironment environment, SystemKind system, Path directory, Measurements measurements,
                    List<String> runLines) {
        this.environment = environment;
        this.system = system;
        this.directory = directory;
        this.measurements = measurements;
        this.runLines = runLines;
    }

    long sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    /** Starts the cluster and creates the topics; false when that failed (recorded), after which every run is skipped. */
    @Override
    public boolean open() {
        String step = "creating the cluster";
        try {
            cluster = BenchCluster.create(environment, system, directory, SIZE);
            step = "starting (Kafka: formatting first)";
            cluster.start(READY_TIMEOUT);
            admin = BenchCluster.admin(cluster.bootstrap(), ADMIN_TIMEOUT);
            step = "creating topics A, B and C";
            List<TopicPartition> partitions = createTopics(admin);
            sessionTimeoutMs = sessionTimeoutMs(admin);
            progress("broker.session.timeout.ms " + sessionTimeoutMs + "; SIGSTOP held at least "
                    + (sessionTimeoutMs + FailoverRun.STOP_PAST_SESSION.toMillis()) + " ms");
            failoverRun = new FailoverRun(cluster, admin, TOPICS, partitions, sessionTimeoutMs);
            return true;
        } catch (Exception e) {
            broken = true;
            TurnTaking.failed(measurements, system, step, e, cluster);
            return false;
        }
    }

    /** Run {@code run}: SIGKILL, SIGTERM and SIGSTOP in turn; false when any failed (each failure is recorded). */
    @Override
    public boolean runOnce(int run) {
        if (broken) {
            return false;
        }
        boolean complete = true;
        int runs = environment.options().runs();
        for (Signal signal : Signal.values()) {
            String name = "run " + run + "/" + runs + " " + signal;
            if (!runOne(cluster, admin, failoverRun, signal, name, run)) {
                complete = false;
                try {
                    recover(cluster, admin);
                } catch (Exception e) {
                    broken = true;
                    measurements.fail(system, "recovering after the failed " + name + "; the remaining runs are skipped", e);
                    return false;
                }
            }
        }
        return complete;
    }

    @Override
    public boolean stop() {
        return TurnTaking.stop(cluster, measurements, system);
    }

    @Override
    public void close() {
        TurnTaking.close(admin, cluster);
    }

    private boolean runOne(BenchCluster cluster, Admin admin, FailoverRun failoverRun, Signal signal, String name, int run) {
        int victim = -1;
        int controller = -1;
        long startNs = System.nanoTime();
        try {
            controller = TakeoverMeasurement.awaitActiveController(cluster.running(), Set.of(),
                    System.nanoTime() + IN_SYNC_TIMEOUT.toNanos());
            victim = VictimChoice.victim(IsrWatch.snapshot(admin, TOPICS), TOPIC_C, controller);
            FailoverRun.Result result = failoverRun.run(signal, victim, system.name().toLowerCase(Locale.ROOT) + "-" + run + "-" + signal);
            record(result);
            String line = describe(name, controller, result);
            runLines.add(system.displayName() + " " + line);
            progress(line + String.format(Locale.ROOT, " (the run took %.0f s)", (System.nanoTime() - startNs) / 1e9));
            return true;
        } catch (Exception e) {
            String reason = measurements.fail(system, name + " (victim " + victim + ", controller " + controller + ")", e);
            System.out.println("bench: " + system.displayName() + " failed in " + reason + "\n" + cluster.logTails(15));
            runLines.add(system.displayName() + " " + name + ": failed, see Failures");
            return false;
        }
    }

    private void record(FailoverRun.Result result) {
        FailoverMetrics.Rows rows = FailoverMetrics.BY_SIGNAL.get(result.signal());
        measurements.add(rows.moved(), system, result.leadersMovedMs());
        measurements.add(rows.failover(), system, result.slowestFailoverMs());
        measurements.add(rows.stall(), system, result.stallMs());
        measurements.add(rows.stallBefore(), system, result.stallBeforeMs());
        measurements.add(rows.rejoin(), system, result.rejoinMs());
        result.exitMs().ifPresent(ms -> measurements.add(FailoverMetrics.TERM_EXIT, system, ms));
        measurements.add(rows.lost(), system, result.integrity().lost());
        measurements.add(rows.duplicated(), system, result.integrity().duplicated());
    }

    private static String describe(String name, int controller, FailoverRun.Result r) {
        FailoverAnalysis.Integrity i = r.integrity();
        return String.format(Locale.ROOT, "%s: victim %d (controller %d); leaders moved %.0f ms; new leader's first ack %s; others' longest gap %.0f ms "
                        + "(before: %.0f ms); back in every ISR %.0f ms%s; preferred leaders %s; %d acknowledged, %d lost, "
                        + "%d duplicated, %d misplaced, %d failed, %d unanswered",
                name, r.victim(), controller, r.leadersMovedMs(), r.failoverMs().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.0f ms", e.getKey(), e.getValue())).collect(Collectors.joining(", ")),
                r.stallMs(), r.stallBeforeMs(), r.rejoinMs(),
                r.exitMs().isPresent() ? String.format(Locale.ROOT, "; exited %.0f ms after SIGTERM", r.exitMs().getAsDouble()) : "",
                r.preferredBack() ? "back by themselves" : "restored by ElectLeaders", i.acknowledged(), i.lost(), i.duplicated(),
                i.misplaced(), i.failed(), i.unanswered());
    }

    /** After a failed run: resume or relaunch every node that is not serving, then wait for every replica in sync. */
    private void recover(BenchCluster cluster, Admin admin) throws Exception {
        for (ClusterMember member : cluster.members()) {
            if (member.isAlive()) {
                member.resume(); // harmless when it was not stopped
            } else {
                member.launch();
            }
        }
        IsrWatch.await(admin, TOPICS, IsrSnapshot::fullyInSync, "every replica in sync after recovery",
                System.nanoTime() + IN_SYNC_TIMEOUT.toNanos());
    }

    private List<TopicPartition> createTopics(Admin admin) throws Exception {
        admin.createTopics(List.of(
                new NewTopic(TOPIC_A, PARTITIONS, (short) 2),
                new NewTopic(TOPIC_B, PARTITIONS, (short) 2),
                new NewTopic(TOPIC_C, PARTITIONS, (short) 3).configs(Map.of("min.insync.replicas", Integer.toString(MIN_INSYNC_C)))))
                .all().get(60, TimeUnit.SECONDS);
        IsrWatch.await(admin, TOPICS, IsrSnapshot::fullyInSync, "every replica of A, B and C in sync",
                System.nanoTime() + IN_SYNC_TIMEOUT.toNanos());
        IsrSnapshot layout = IsrWatch.snapshot(admin, TOPICS);
        progress("layout: " + layout);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        return partitions;
    }

    /** broker.session.timeout.ms as the first broker reports it (DescribeConfigs), else the system's documented default. */
    private long sessionTimeoutMs(Admin admin) {
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
        try {
            Config config = admin.describeConfigs(List.of(broker)).all().get(10, TimeUnit.SECONDS).get(broker);
            ConfigEntry entry = config == null ? null : config.get("broker.session.timeout.ms");
            if (entry != null && entry.value() != null) {
                return Long.parseLong(entry.value());
            }
            progress("DescribeConfigs has no broker.session.timeout.ms; using the documented default");
        } catch (Exception e) {
            progress("DescribeConfigs failed (" + e.getMessage() + "); using the documented default broker.session.timeout.ms");
        }
        return DEFAULT_SESSION_TIMEOUT_MS.get(system);
    }

    private void progress(String message) {
        System.out.println("bench: failover " + system.displayName() + ": " + message);
    }
}

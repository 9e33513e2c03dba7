package io.tributary.bench.cluster;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.SystemKind;
import io.tributary.bench.node.ClusterMember;
import io.tributary.bench.report.Measurements;

import org.apache.kafka.clients.admin.Admin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One round of the cluster scenario for one system, on a fresh three-node cluster in its own
 * directory: (Kafka: format) → start on empty directories → metadata propagation of
 * {@code topics} new topics → SIGKILL of the active controller (takeover) → the killed node
 * launched again (rejoin) → SIGTERM to all → restart on the existing directories → SIGTERM to all.
 * A step that fails ends the round for this system (its state is unknown) and is reported; the
 * figures of the steps before it count.
 */
final class ClusterRound {

    static final int SIZE = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final BenchEnvironment environment;
    private final SystemKind system;
    private final Path directory;
    private final int topics;
    private final Measurements measurements;
    private final String roundName;

    ClusterRound(BenchEnvironment environment, SystemKind system, Path directory, int topics, Measurements measurements,
                 String roundName) {
        this.environment = environment;
        this.system = system;
        this.directory = directory;
        this.topics = topics;
        this.measurements = measurements;
        this.roundName = roundName;
    }

    /** Runs the round; false when a step failed (the failure is recorded in the measurements). */
    boolean run() {
        String step = "creating the cluster";
        try (BenchCluster cluster = BenchCluster.create(environment, system, directory, SIZE)) {
            try {
                if (system == SystemKind.KAFKA) {
                    step = "formatting";
                    long formatNs = System.nanoTime();
                    cluster.formatAll();
                    add(ClusterMetrics.FORMAT, System.nanoTime() - formatNs);
                }
                step = "starting on empty directories";
                add(ClusterMetrics.STARTUP_EMPTY, startAndAwaitReady(cluster));

                step = "measuring metadata propagation";
                try (Admin admin = BenchCluster.admin(cluster.bootstrap(), Duration.ofSeconds(30))) {
                    for (int i = 1; i <= topics; i++) {
                        PropagationMeasurement.Sample sample = PropagationMeasurement.measure(cluster.running(), admin,
                                "propagation-" + i);
                        measurements.add(ClusterMetrics.PROPAGATION_SEND, system, sample.sendToAllMs());
                        measurements.add(ClusterMetrics.PROPAGATION_ACK, system, sample.ackToAllMs());
                        measurements.add(ClusterMetrics.PROPAGATION_SPREAD, system, sample.firstToLastMs());
                    }
                }

                step = "killing the active controller";
                TakeoverMeasurement.Result takeover = TakeoverMeasurement.measure(cluster, "after-takeover");
                measurements.add(ClusterMetrics.TAKEOVER_QUORUM, system, takeover.quorumMs());
                takeover.brokersMs().ifPresent(ms -> measurements.add(ClusterMetrics.TAKEOVER_BROKERS, system, ms));
                measurements.add(ClusterMetrics.TAKEOVER_CREATE, system, takeover.createMs());
                System.out.printf(Locale.ROOT, "bench: %s %s: killed controller %d, %d took over: quorum %.0f ms, brokers %s, "
                                + "CreateTopics %.0f ms%n", roundName, system.displayName(), takeover.killed(), takeover.successor(),
                        takeover.quorumMs(), takeover.brokersMs().isPresent()
                                ? String.format(Locale.ROOT, "%.0f ms", takeover.brokersMs().getAsDouble()) : "n/a",
                        takeover.createMs());

                step = "launching the killed node again";
                ClusterMember killed = cluster.member(takeover.killed());
                long rejoinNs = System.nanoTime();
                killed.launch();
                Readiness.awaitPort(killed, rejoinNs + READY_TIMEOUT.toNanos());
                try (Admin admin = BenchCluster.admin(cluster.bootstrap(), Duration.ofSeconds(2))) {
                    Readiness.awaitBrokers(admin, cluster.members(), rejoinNs + READY_TIMEOUT.toNanos());
                }
                add(ClusterMetrics.REJOIN, System.nanoTime() - rejoinNs);

                step = "stopping every node";
                long stopNs = System.nanoTime();
                cluster.stopAll();
                add(ClusterMetrics.STOP_ALL, System.nanoTime() - stopNs);

                step = "restarting on existing directories";
                add(ClusterMetrics.STARTUP_RESTART, startAndAwaitReady(cluster));
                step = "stopping every node after the restart";
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

    private static long startAndAwaitReady(BenchCluster cluster) throws Exception {
        long startNs = System.nanoTime();
        cluster.launchAll();
        List<ClusterMember> members = cluster.members();
        Readiness.await(members, startNs + READY_TIMEOUT.toNanos());
        return System.nanoTime() - startNs;
    }

    private void add(io.tributary.bench.report.Metric metric, long nanos) {
        measurements.add(metric, system, PropagationMeasurement.ms(nanos));
    }
}

package io.tributary.bench.cluster;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.BenchOptions;
import io.tributary.bench.SystemKind;
import io.tributary.bench.foundation.FoundationScenario;
import io.tributary.bench.report.LoadAverage;
import io.tributary.bench.report.Measurements;

import org.apache.kafka.clients.admin.Admin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Runs a multi-node scenario that keeps one cluster per system up for all its runs (failover, groups):
 * every measured system's {@link Session} opens first, then the systems take turns run by run, the order
 * swapped every run, so drift in the shared machine's load hits both alike; then every session stops and
 * closes. Unless {@code --keep-data}, the nodes' partition data is deleted afterwards (their properties
 * and logs stay, for reading a surprising run).
 */
public final class TurnTaking {

    /** One system's cluster and its runs; each step records its own failures and says whether it succeeded. */
    public interface Session extends AutoCloseable {

        boolean open();

        boolean runOnce(int run);

        boolean stop();

        /** Releases everything, whatever state the session is in. */
        @Override
        void close();
    }

    /**
     * @param complete      whether every step of every session succeeded
     * @param loadAverages  the 1-minute load average after each run of both systems
     * @param durations     the time each system spent in its runs
     */
    public record Outcome(boolean complete, List<Double> loadAverages, Map<SystemKind, Duration> durations) {
    }

    private TurnTaking() {
    }

    /**
     * @param sessions makes the session of a system, living in the directory it is given
     *                 ({@code bench/target/work/<scenario>/<system>}) with nodes in {@code node-N/} there
     */
    public static Outcome run(BenchEnvironment environment, String scenario, int clusterSize,
                              BiFunction<SystemKind, Path, Session> sessions) throws Exception {
        BenchOptions options = environment.options();
        Path scenarioDir = environment.workDirectory().resolve(scenario);
        FoundationScenario.deleteTree(scenarioDir);
        boolean complete = true;
        List<Double> loadAverages = new ArrayList<>();
        Map<SystemKind, Duration> durations = new EnumMap<>(SystemKind.class);
        Map<SystemKind, Session> open = new EnumMap<>(SystemKind.class);
        try {
            for (SystemKind system : SystemKind.values()) {
                if (options.systems().contains(system)) {
                    Path directory = scenarioDir.resolve(system.name().toLowerCase(Locale.ROOT));
                    System.out.println("bench: " + scenario + ": " + system.displayName() + " cluster in " + directory);
                    Session session = sessions.apply(system, directory);
                    open.put(system, session);
                    complete &= session.open();
                }
            }
            for (int run = 1; run <= options.runs(); run++) {
                List<SystemKind> order = new ArrayList<>(open.keySet());
                if (run % 2 == 0) {
                    Collections.reverse(order);
                }
                for (SystemKind system : order) {
                    long startNs = System.nanoTime();
                    complete &= open.get(system).runOnce(run);
                    durations.merge(system, Duration.ofNanos(System.nanoTime() - startNs), Duration::plus);
                }
                loadAverages.add(LoadAverage.oneMinute());
            }
            for (Session session : open.values()) {
                complete &= session.stop();
            }
        } finally {
            open.values().forEach(Session::close);
        }
        if (!options.keepData()) {
            for (SystemKind system : open.keySet()) {
                for (int id = 1; id <= clusterSize; id++) {
                    FoundationScenario.deleteTree(scenarioDir.resolve(system.name().toLowerCase(Locale.ROOT))
                            .resolve("node-" + id).resolve("data"));
                }
            }
        }
        return new Outcome(complete, loadAverages, durations);
    }

    /** Records that a session's {@code step} failed with {@code error}, and prints it with the nodes' log tails. */
    public static void failed(Measurements measurements, SystemKind system, String step, Exception error, BenchCluster cluster) {
        String reason = measurements.fail(system, step, error);
        System.out.println("bench: " + system.displayName() + " failed in " + reason + (cluster == null ? "" : "\n" + cluster.logTails(20)));
    }

    /** A session's stop: SIGTERM to every node; false when there is no cluster or some node had to be killed (recorded). */
    public static boolean stop(BenchCluster cluster, Measurements measurements, SystemKind system) {
        if (cluster == null) {
            return false;
        }
        try {
            cluster.stopAll();
            return true;
        } catch (Exception e) {
            measurements.fail(system, "stopping every node", e);
            return false;
        }
    }

    /** A session's close: the admin client, then every node still running; either may be null. */
    public static void close(Admin admin, BenchCluster cluster) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}

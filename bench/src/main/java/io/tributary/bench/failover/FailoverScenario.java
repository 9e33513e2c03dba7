package io.tributary.bench.failover;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.BenchOptions;
import io.tributary.bench.Scenario;
import io.tributary.bench.ScenarioReport;
import io.tributary.bench.SystemKind;
import io.tributary.bench.foundation.FoundationScenario;
import io.tributary.bench.report.LoadAverage;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Failover: three processes per system with the seed's topics (A and B replication factor 2, C 3 with
 * min.insync.replicas=2), a producer writing steadily to every partition, and a broker leading a partition
 * of C taken away by SIGKILL, SIGTERM and SIGSTOP in turn, {@code --runs} times each (see
 * {@link FailoverRun}). One cluster per system serves all its runs; both clusters stay up, and the systems
 * take turns run by run (the order swapped every run), so drift in the shared machine's load hits both alike.
 */
public final class FailoverScenario implements Scenario {

    public static final String NAME = "failover";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "three nodes each, seed layout: SIGKILL, SIGTERM, SIGSTOP of a leader's broker; failover, stall, rejoin, loss";
    }

    @Override
    public ScenarioReport run(BenchEnvironment environment) throws Exception {
        BenchOptions options = environment.options();
        var measurements = FailoverMetrics.declared();
        Path scenarioDir = environment.workDirectory().resolve(NAME);
        FoundationScenario.deleteTree(scenarioDir);
        boolean complete = true;
        List<Double> loadAverages = new ArrayList<>();
        List<String> runLines = new ArrayList<>();
        Map<SystemKind, Long> sessionTimeoutsMs = new EnumMap<>(SystemKind.class);
        Map<SystemKind, Duration> durations = new EnumMap<>(SystemKind.class);
        Map<SystemKind, FailoverSession> sessions = new EnumMap<>(SystemKind.class);
        try {
            for (SystemKind system : SystemKind.values()) {
                if (options.systems().contains(system)) {
                    Path directory = scenarioDir.resolve(system.name().toLowerCase(Locale.ROOT));
                    System.out.println("bench: failover: " + system.displayName() + " cluster in " + directory);
                    FailoverSession session = new FailoverSession(environment, system, directory, measurements, runLines);
                    sessions.put(system, session);
                    complete &= session.open();
                    sessionTimeoutsMs.put(system, session.sessionTimeoutMs());
                }
            }
            for (int run = 1; run <= options.runs(); run++) {
                List<SystemKind> order = new ArrayList<>(sessions.keySet());
                if (run % 2 == 0) {
                    Collections.reverse(order);
                }
                for (SystemKind system : order) {
                    long startNs = System.nanoTime();
                    complete &= sessions.get(system).runOnce(run);
                    durations.merge(system, Duration.ofNanos(System.nanoTime() - startNs), Duration::plus);
                }
                loadAverages.add(LoadAverage.oneMinute());
            }
            for (FailoverSession session : sessions.values()) {
                complete &= session.stop();
            }
        } finally {
            sessions.values().forEach(FailoverSession::close);
        }
        if (!options.keepData()) {
            // The partition data goes; each node's properties and logs stay, for reading a surprising run afterwards.
            for (SystemKind system : sessions.keySet()) {
                for (int id = 1; id <= FailoverSession.SIZE; id++) {
                    FoundationScenario.deleteTree(scenarioDir.resolve(system.name().toLowerCase(Locale.ROOT))
                            .resolve("node-" + id).resolve("data"));
                }
            }
        }
        return new ScenarioReport(NAME, FailoverReport.markdown(environment, measurements, loadAverages, runLines,
                sessionTimeoutsMs, durations, ZonedDateTime.now()), complete);
    }
}

package io.tributary.bench.groups;

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
 * Consumer groups: three processes per system; per run, consume throughput through a group, a fourth
 * member joining a stable group of three, a SIGKILL of the group coordinator's broker under committing
 * members, and the load of a large offsets partition by a new leader ({@link GroupsSession}). One cluster
 * per system serves all its runs; both stay up and the systems take turns run by run (the order swapped
 * every run), as in the failover scenario.
 */
public final class GroupsScenario implements Scenario {

    public static final String NAME = "groups";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "three nodes each: coordinator SIGKILL under committing members, rebalance on join, consume through a group, offsets load";
    }

    @Override
    public ScenarioReport run(BenchEnvironment environment) throws Exception {
        BenchOptions options = environment.options();
        GroupsPlan plan = options.quick() ? GroupsPlan.quick() : GroupsPlan.full();
        var measurements = GroupsMetrics.declared();
        Path scenarioDir = environment.workDirectory().resolve(NAME);
        FoundationScenario.deleteTree(scenarioDir);
        boolean complete = true;
        List<Double> loadAverages = new ArrayList<>();
        List<String> runLines = new ArrayList<>();
        Map<SystemKind, Duration> durations = new EnumMap<>(SystemKind.class);
        Map<SystemKind, GroupsSession> sessions = new EnumMap<>(SystemKind.class);
        try {
            for (SystemKind system : SystemKind.values()) {
                if (options.systems().contains(system)) {
                    Path directory = scenarioDir.resolve(system.name().toLowerCase(Locale.ROOT));
                    System.out.println("bench: groups: " + system.displayName() + " cluster in " + directory);
                    GroupsSession session = new GroupsSession(environment, system, directory, plan, measurements, runLines);
                    sessions.put(system, session);
                    complete &= session.open();
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
            for (GroupsSession session : sessions.values()) {
                complete &= session.stop();
            }
        } finally {
            sessions.values().forEach(GroupsSession::close);
        }
        if (!options.keepData()) {
            // The partition data goes (a full run leaves gigabytes); each node's properties and logs stay.
            for (SystemKind system : sessions.keySet()) {
                for (int id = 1; id <= GroupsSession.SIZE; id++) {
                    FoundationScenario.deleteTree(scenarioDir.resolve(system.name().toLowerCase(Locale.ROOT))
                            .resolve("node-" + id).resolve("data"));
                }
            }
        }
        return new ScenarioReport(NAME, GroupsReport.markdown(environment, plan, measurements, loadAverages, runLines, durations,
                ZonedDateTime.now()), complete);
    }
}

package io.tributary.bench.failover;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.Scenario;
import io.tributary.bench.ScenarioReport;
import io.tributary.bench.SystemKind;
import io.tributary.bench.cluster.TurnTaking;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
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
        var measurements = FailoverMetrics.declared();
        List<String> runLines = new ArrayList<>();
        Map<SystemKind, FailoverSession> sessions = new EnumMap<>(SystemKind.class);
        TurnTaking.Outcome outcome = TurnTaking.run(environment, NAME, FailoverSession.SIZE, (system, directory) -> {
            FailoverSession session = new FailoverSession(environment, system, directory, measurements, runLines);
            sessions.put(system, session);
            return session;
        });
        Map<SystemKind, Long> sessionTimeoutsMs = new EnumMap<>(SystemKind.class);
        sessions.forEach((system, session) -> sessionTimeoutsMs.put(system, session.sessionTimeoutMs()));
        return new ScenarioReport(NAME, FailoverReport.markdown(environment, measurements, outcome.loadAverages(), runLines,
                sessionTimeoutsMs, outcome.durations(), ZonedDateTime.now()), outcome.complete());
    }
}

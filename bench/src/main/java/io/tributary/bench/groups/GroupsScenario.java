package io.tributary.bench.groups;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.Scenario;
import io.tributary.bench.ScenarioReport;
import io.tributary.bench.cluster.TurnTaking;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

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
        GroupsPlan plan = GroupsPlan.of(environment.options());
        var measurements = GroupsMetrics.declared();
        List<String> runLines = new ArrayList<>();
        TurnTaking.Outcome outcome = TurnTaking.run(environment, NAME, GroupsSession.SIZE,
                (system, directory) -> new GroupsSession(environment, system, directory, plan, measurements, runLines));
        return new ScenarioReport(NAME, GroupsReport.markdown(environment, plan, measurements, outcome.loadAverages(), runLines,
                outcome.durations(), ZonedDateTime.now()), outcome.complete());
    }
}

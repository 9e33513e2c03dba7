package io.tributary.bench;

/**
 * One benchmark scenario, run by {@code bench/run <name>}. A scenario starts the nodes it needs through
 * {@link BenchEnvironment#newNode}, drives the same load against each system, alternating systems
 * round by round, and returns its results as Markdown. To add one (failover, say), implement this and
 * register it in {@link Bench#SCENARIOS}.
 */
public interface Scenario {

    /** The subcommand name, and the name of its section in docs/benchmarks.md. */
    String name();

    /** One line for the usage text. */
    String description();

    ScenarioReport run(BenchEnvironment environment) throws Exception;
}

package io.tributary.bench;

/**
 * What a scenario hands back: a Markdown body (settings, the summary table, raw samples) that the
 * bench prints, saves under bench/target/results, and writes into the scenario's section of the docs.
 *
 * @param complete false when a system failed in some round; such a run is still reported, and says so
 */
public record ScenarioReport(String scenario, String markdown, boolean complete) {
}

package io.tributary.bench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocsSectionTest {

    @Test
    void replacesOnlyTheScenariosSectionAndKeepsTheProseAroundIt() {
        String document = "# Benchmarks\n\nMethod and caveats.\n\n"
                + "<!-- bench:foundation:begin -->\nold table\n<!-- bench:foundation:end -->\n\n"
                + "<!-- bench:failover:begin -->\nfailover table\n<!-- bench:failover:end -->\n";

        String updated = DocsSection.replace(document, "foundation", "new table\n");

        assertThat(updated).isEqualTo("# Benchmarks\n\nMethod and caveats.\n\n"
                + "<!-- bench:foundation:begin -->\nnew table\n<!-- bench:foundation:end -->\n\n"
                + "<!-- bench:failover:begin -->\nfailover table\n<!-- bench:failover:end -->\n");
    }

    @Test
    void appendsTheSectionWhenTheDocumentHasNoneYet() {
        String updated = DocsSection.replace("# Benchmarks\n", "failover", "table");

        assertThat(updated).isEqualTo("# Benchmarks\n\n<!-- bench:failover:begin -->\ntable\n<!-- bench:failover:end -->\n");
    }

    @Test
    void refusesASectionWhoseMarkersAreOutOfOrder() {
        String broken = "<!-- bench:foundation:end -->\n<!-- bench:foundation:begin -->\n";

        assertThatThrownBy(() -> DocsSection.replace(broken, "foundation", "x")).hasMessageContaining("broken");
    }
}

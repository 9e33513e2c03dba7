package io.tributary.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    private static final Path DOCS = Path.of("docs/benchmarks.md");

    @Test
    void aFullRunOfBothSystemsWritesTheDocsByDefault() {
        BenchOptions options = BenchOptions.parse(List.of("foundation"), DOCS);

        assertThat(options.scenario()).isEqualTo("foundation");
        assertThat(options.quick()).isFalse();
        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.systems()).isEqualTo(Set.of(SystemKind.TRIBUTARY, SystemKind.KAFKA));
        assertThat(options.docs()).contains(DOCS);
        assertThat(options.command()).isEqualTo("bench/run foundation");
    }

    @Test
    void aQuickRunLeavesTheDocsAloneUnlessAsked() {
        assertThat(BenchOptions.parse(List.of("foundation", "--quick"), DOCS).docs()).isEmpty();
        assertThat(BenchOptions.parse(List.of("foundation", "--quick", "--docs", "x.md"), DOCS).docs()).contains(Path.of("x.md"));
        assertThat(BenchOptions.parse(List.of("foundation", "--no-docs"), DOCS).docs()).isEmpty();
    }

    @Test
    void parsesRunsSystemsAndPorts() {
        BenchOptions options = BenchOptions.parse(List.of("foundation", "--runs", "5", "--systems", "kafka", "--port-base", "29350"), DOCS);

        assertThat(options.runs()).isEqualTo(5);
        assertThat(options.systems()).containsExactly(SystemKind.KAFKA);
        assertThat(options.portBase()).isEqualTo(29350);
    }

    @Test
    void partitionsOfTheMultiPartitionTopic() {
        assertThat(BenchOptions.parse(List.of("foundation"), DOCS).partitions()).isEqualTo(6);
        assertThat(BenchOptions.parse(List.of("foundation", "--partitions", "12"), DOCS).partitions()).isEqualTo(12);
        assertThatThrownBy(() -> BenchOptions.parse(List.of("foundation", "--partitions", "1"), DOCS))
                .hasMessageContaining("--partitions");
    }

    @Test
    void offsetsPartitionSizeForTheLoadAlone() {
        assertThat(BenchOptions.parse(List.of("groups"), DOCS).offsetsMib()).isZero();
        assertThat(BenchOptions.parse(List.of("groups", "--offsets-mib", "1024"), DOCS).offsetsMib()).isEqualTo(1024);
        assertThatThrownBy(() -> BenchOptions.parse(List.of("groups", "--offsets-mib", "0"), DOCS))
                .hasMessageContaining("--offsets-mib");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("groups", "--offsets-mib", "-5"), DOCS))
                .hasMessageContaining("--offsets-mib");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--quick"), DOCS)).hasMessageContaining("scenario");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("foundation", "--runs"), DOCS)).hasMessageContaining("--runs needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("foundation", "--runs", "0"), DOCS)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("foundation", "--fast"), DOCS)).hasMessageContaining("--fast");
    }
}

package io.tributary.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcStatusParserTest {

    private static final List<String> STATUS = List.of(
            "Name:\tjava",
            "VmPeak:\t 5123456 kB",
            "VmHWM:\t  654321 kB",
            "VmRSS:\t  612345 kB",
            "Threads:\t42");

    @Test
    void readsRssAndHighWaterMarkInKib() {
        assertThat(ProcStatusParser.kib(STATUS, "VmRSS")).isEqualTo(612_345L);
        assertThat(ProcStatusParser.kib(STATUS, "VmHWM")).isEqualTo(654_321L);
    }

    @Test
    void aMissingFieldOrAFieldWithoutKbIsAnErrorNotAZero() {
        assertThatThrownBy(() -> ProcStatusParser.kib(STATUS, "VmSwap")).hasMessageContaining("VmSwap");
        assertThatThrownBy(() -> ProcStatusParser.kib(STATUS, "Threads")).hasMessageContaining("kB");
    }

    @Test
    void readsTheLiveStatusOfThisProcess() throws Exception {
        List<String> own = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"));

        assertThat(ProcStatusParser.kib(own, "VmHWM")).isGreaterThanOrEqualTo(ProcStatusParser.kib(own, "VmRSS")).isPositive();
    }
}

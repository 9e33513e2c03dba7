package io.tributary.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ConsumeResultTest {

    @Test
    void parsesTheConsumersLineAmongOtherOutput() {
        String output = "some warning\nASSIGN-CONSUME records=200000 bytes=204800000 elapsed_ms=1240\n";

        ConsumeResult result = ConsumeResult.parse(output);

        assertThat(result).isEqualTo(new ConsumeResult(200_000, 204_800_000, 1240));
    }

    @Test
    void ratesCountMegabytesAsMebibytes() {
        ConsumeResult result = new ConsumeResult(1024, 1024L * 1024 * 100, 2000);

        assertThat(result.mbPerSec()).isCloseTo(50.0, within(1e-9));
        assertThat(result.recordsPerSec()).isCloseTo(512.0, within(1e-9));
    }

    @Test
    void theLineItPrintsIsTheLineItParses() {
        ConsumeResult result = new ConsumeResult(7, 7168, 3);

        assertThat(ConsumeResult.parse(result.line())).isEqualTo(result);
    }

    @Test
    void outputWithoutAResultLineIsAnError() {
        assertThatThrownBy(() -> ConsumeResult.parse("timed out after 300000 ms")).hasMessageContaining("ASSIGN-CONSUME");
        assertThatThrownBy(() -> ConsumeResult.parse("ASSIGN-CONSUME records=0 bytes=0 elapsed_ms=1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

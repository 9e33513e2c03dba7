package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyValuesTest {
    @Test
    void splitsAtTheFirstEqualsSignAndKeepsOrder() {
        assertThat(KeyValues.parse("--config", List.of("b=1", "a=x=y", "c=")))
                .containsExactly(java.util.Map.entry("b", "1"), java.util.Map.entry("a", "x=y"), java.util.Map.entry("c", ""));
    }

    @Test
    void refusesAnItemWithoutAKey() {
        assertThatThrownBy(() -> KeyValues.parse("--config", List.of("=1"))).hasMessage("--config takes KEY=VALUE, got '=1'");
        assertThatThrownBy(() -> KeyValues.parse("--config", List.of("retention.ms"))).hasMessageContaining("KEY=VALUE");
    }
}

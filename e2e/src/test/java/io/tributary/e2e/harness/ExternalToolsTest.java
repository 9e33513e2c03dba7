package io.tributary.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing tool skips a test on a developer's machine and fails it in CI; a present one does neither. */
class ExternalToolsTest {
    @Test
    void missingToolSkipsUnlessToolsAreRequired() {
        assertThatThrownBy(() -> ExternalTools.requireThat(false, "'kcat' is not on PATH", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("'kcat' is not on PATH").hasMessageContaining("skipped");
    }

    @Test
    void missingToolFailsWhenToolsAreRequired() {
        assertThatThrownBy(() -> ExternalTools.requireThat(false, "'kcat' is not on PATH", true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("'kcat' is not on PATH").hasMessageContaining("TRIBUTARY_E2E_REQUIRE_TOOLS=1");
    }

    @Test
    void presentToolPassesEitherWay() {
        assertThatCode(() -> ExternalTools.requireThat(true, "unused", true)).doesNotThrowAnyException();
        assertThatCode(() -> ExternalTools.requireThat(true, "unused", false)).doesNotThrowAnyException();
    }

    @Test
    void findLooksOnPath() {
        assertThat(ExternalTools.find("sh")).as("sh is on every PATH").isPresent();
        assertThat(ExternalTools.find("no-such-tool-" + System.nanoTime())).isEmpty();
    }
}

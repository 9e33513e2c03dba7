package io.tributary.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The unavailability window: the longest silence between acknowledgements that ends after the failure began. */
class WindowsTest {
    @Test
    void theWindowRunsFromTheLastAckBeforeTheSilenceToTheFirstAfterIt() {
        Windows.Window w = Windows.window(0, List.of(90L, 95L, 100L, 1300L, 1305L), 98);
        // 100 came after the failure began (a slow kill command: the old leader still answered), so the silence is 100 to 1300.
        assertThat(w.lastAckBeforeMs()).contains(100L);
        assertThat(w.firstAckAfterMs()).contains(1300L);
        assertThat(w.lengthMs()).contains(1200L);
        assertThat(w.recovered()).isTrue();
    }

    @Test
    void aPartitionWithNoAckAfterTheFailureDidNotRecoverAndTheOverallWindowIsOpen() {
        Map<Integer, Windows.Window> windows = Windows.of(Map.of(0, List.of(10L, 20L), 1, List.of(15L, 400L)), List.of(0, 1), 30);
        assertThat(windows.get(0).recovered()).isFalse();
        assertThat(windows.get(0).lastAckBeforeMs()).contains(20L);
        assertThat(windows.get(1).lengthMs()).contains(385L);
        assertThat(Windows.overallMs(windows)).isEmpty();
    }

    @Test
    void theOverallWindowIsTheLongestPartitionsAndAPartitionWithNoAcksAtAllIsNotRecovered() {
        Map<Integer, Windows.Window> windows = Windows.of(Map.of(0, List.of(0L, 500L), 1, List.of(0L, 100L, 200L)), List.of(0, 1), 50);
        assertThat(Windows.overallMs(windows)).contains(500L);
        assertThat(Windows.of(Map.of(), List.of(0), 50).get(0)).isEqualTo(new Windows.Window(0, Optional.empty(), Optional.empty()));
    }
}

package io.tributary.cli.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class StartPositionTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void readsEpochMillisInstantsOffsetsAndLocalTimes() {
        assertThat(StartPosition.parseTime("1700000000000", PARIS)).isEqualTo(1_700_000_000_000L);
        assertThat(StartPosition.parseTime("2023-11-14T22:13:20Z", PARIS)).isEqualTo(1_700_000_000_000L);
        assertThat(StartPosition.parseTime("2023-11-14T23:13:20+01:00", PARIS)).isEqualTo(1_700_000_000_000L);
        assertThat(StartPosition.parseTime("2023-11-14T23:13:20", PARIS)).as("a local time, in the zone given").isEqualTo(1_700_000_000_000L);
    }

    @Test
    void refusesWhatIsNotATime() {
        assertThatThrownBy(() -> StartPosition.parseTime("yesterday", PARIS)).hasMessageContaining("cannot read 'yesterday' as a time");
    }
}

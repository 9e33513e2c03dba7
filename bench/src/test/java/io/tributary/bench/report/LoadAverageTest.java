package io.tributary.bench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadAverageTest {

    @Test
    void takesTheOneMinuteFieldOfProcLoadavg() {
        assertThat(LoadAverage.parse("18.33 9.78 4.39 12/467 23477\n")).isEqualTo(18.33);
    }

    @Test
    void readsThisMachinesLoad() {
        assertThat(LoadAverage.oneMinute()).isGreaterThanOrEqualTo(0.0);
    }
}

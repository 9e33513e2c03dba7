package io.tributary.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SummaryTest {

    @Test
    void oddCountTakesTheMiddleValueRegardlessOfRunOrder() {
        Summary summary = Summary.of(List.of(30.0, 10.0, 20.0));

        assertThat(summary.median()).isEqualTo(20.0);
        assertThat(summary.min()).isEqualTo(10.0);
        assertThat(summary.max()).isEqualTo(30.0);
        assertThat(summary.samples()).containsExactly(30.0, 10.0, 20.0);
    }

    @Test
    void evenCountTakesTheMeanOfTheTwoMiddleValues() {
        Summary summary = Summary.of(List.of(4.0, 1.0, 3.0, 2.0));

        assertThat(summary.median()).isCloseTo(2.5, within(1e-12));
        assertThat(summary.min()).isEqualTo(1.0);
        assertThat(summary.max()).isEqualTo(4.0);
    }

    @Test
    void aSingleSampleIsItsOwnMedianMinAndMax() {
        Summary summary = Summary.of(List.of(7.5));

        assertThat(summary.median()).isEqualTo(7.5);
        assertThat(summary.min()).isEqualTo(7.5);
        assertThat(summary.max()).isEqualTo(7.5);
        assertThat(summary.count()).isEqualTo(1);
    }

    @Test
    void anOutlierMovesTheMaxButNotTheMedian() {
        Summary summary = Summary.of(List.of(100.0, 101.0, 5000.0));

        assertThat(summary.median()).isEqualTo(101.0);
        assertThat(summary.max()).isEqualTo(5000.0);
    }

    @Test
    void refusesNoSamplesAndNonFiniteOnes() {
        assertThatThrownBy(() -> Summary.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Summary.of(List.of(1.0, Double.NaN))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Summary.of(List.of(Double.POSITIVE_INFINITY))).isInstanceOf(IllegalArgumentException.class);
    }
}

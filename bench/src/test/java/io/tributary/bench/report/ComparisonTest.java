package io.tributary.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ComparisonTest {

    private static Optional<Summary> of(double... samples) {
        return Optional.of(Summary.of(java.util.Arrays.stream(samples).boxed().toList()));
    }

    @Test
    void ratioIsTributaryMedianOverKafkaMedian() {
        Comparison comparison = new Comparison(of(90, 100, 110), of(190, 200, 400), Direction.HIGHER_IS_BETTER);

        assertThat(comparison.ratio()).hasValueSatisfying(r -> assertThat(r).isCloseTo(0.5, within(1e-12)));
    }

    @Test
    void higherIsBetterReadsARatioAboveOneAsBetter() {
        assertThat(new Comparison(of(150), of(100), Direction.HIGHER_IS_BETTER).verdict()).isEqualTo(Comparison.Verdict.BETTER);
        assertThat(new Comparison(of(50), of(100), Direction.HIGHER_IS_BETTER).verdict()).isEqualTo(Comparison.Verdict.WORSE);
    }

    @Test
    void lowerIsBetterReadsARatioBelowOneAsBetter() {
        assertThat(new Comparison(of(5), of(10), Direction.LOWER_IS_BETTER).verdict()).isEqualTo(Comparison.Verdict.BETTER);
        assertThat(new Comparison(of(20), of(10), Direction.LOWER_IS_BETTER).verdict()).isEqualTo(Comparison.Verdict.WORSE);
    }

    @Test
    void ratiosWithinTheNoiseBandAreEven() {
        assertThat(new Comparison(of(104), of(100), Direction.HIGHER_IS_BETTER).verdict()).isEqualTo(Comparison.Verdict.EVEN);
        assertThat(new Comparison(of(96), of(100), Direction.LOWER_IS_BETTER).verdict()).isEqualTo(Comparison.Verdict.EVEN);
        assertThat(new Comparison(of(106), of(100), Direction.HIGHER_IS_BETTER).verdict()).isEqualTo(Comparison.Verdict.BETTER);
    }

    @Test
    void noRatioWhenASideIsMissingOrKafkaIsZero() {
        assertThat(new Comparison(Optional.empty(), of(100), Direction.HIGHER_IS_BETTER).ratio()).isEmpty();
        assertThat(new Comparison(of(100), Optional.empty(), Direction.HIGHER_IS_BETTER).verdict()).isEqualTo(Comparison.Verdict.UNKNOWN);
        assertThat(new Comparison(of(3), of(0, 0, 0), Direction.LOWER_IS_BETTER).ratio()).isEmpty();
    }

    @Test
    void measurementsSummariseEachSystemSeparately() {
        Metric metric = new Metric("produce", "records/s", Direction.HIGHER_IS_BETTER, 0);
        Measurements measurements = new Measurements();
        for (double t : List.of(10.0, 30.0, 20.0)) {
            measurements.add(metric, io.tributary.bench.SystemKind.TRIBUTARY, t);
        }
        for (double k : List.of(40.0, 40.0, 80.0)) {
            measurements.add(metric, io.tributary.bench.SystemKind.KAFKA, k);
        }

        Comparison comparison = measurements.compare(metric);

        assertThat(comparison.tributary()).hasValueSatisfying(s -> assertThat(s.median()).isEqualTo(20.0));
        assertThat(comparison.kafka()).hasValueSatisfying(s -> assertThat(s.median()).isEqualTo(40.0));
        assertThat(comparison.ratio()).hasValueSatisfying(r -> assertThat(r).isCloseTo(0.5, within(1e-12)));
    }
}

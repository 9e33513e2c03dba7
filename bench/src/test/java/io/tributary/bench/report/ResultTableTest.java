package io.tributary.bench.report;

import io.tributary.bench.SystemKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultTableTest {

    private static final Metric THROUGHPUT = new Metric("produce 1 partition", "records/s", Direction.HIGHER_IS_BETTER, 0);
    private static final Metric LATENCY = new Metric("latency p99", "ms", Direction.LOWER_IS_BETTER, 0);

    @Test
    void aRowShowsBothMediansWithSpreadTheRatioAndTheVerdict() {
        Measurements measurements = new Measurements();
        measurements.add(THROUGHPUT, SystemKind.TRIBUTARY, 120_000);
        measurements.add(THROUGHPUT, SystemKind.TRIBUTARY, 100_000);
        measurements.add(THROUGHPUT, SystemKind.TRIBUTARY, 110_000);
        measurements.add(THROUGHPUT, SystemKind.KAFKA, 50_000);
        measurements.add(THROUGHPUT, SystemKind.KAFKA, 55_000);
        measurements.add(THROUGHPUT, SystemKind.KAFKA, 60_000);

        String table = ResultTable.summary(measurements);

        assertThat(table).contains("| produce 1 partition | records/s | higher | 110,000 (100,000–120,000) | 55,000 (50,000–60,000) | 2.00 | better |");
    }

    @Test
    void aWorseRowIsMarkedAndAMissingSystemGivesNoRatio() {
        Measurements measurements = new Measurements();
        measurements.add(LATENCY, SystemKind.TRIBUTARY, 30);
        measurements.add(LATENCY, SystemKind.KAFKA, 10);
        measurements.declare(THROUGHPUT);
        measurements.add(THROUGHPUT, SystemKind.KAFKA, 1);

        String table = ResultTable.summary(measurements);

        assertThat(table).contains("| latency p99 | ms | lower | 30 (1 run) | 10 (1 run) | 3.00 | **worse** |");
        assertThat(table).contains("| produce 1 partition | records/s | higher | n/a | 1 (1 run) | n/a | n/a |");
    }

    @Test
    void rawSamplesKeepRunOrderAndFailuresAreListedPerSystem() {
        Measurements measurements = new Measurements();
        measurements.add(LATENCY, SystemKind.KAFKA, 3);
        measurements.add(LATENCY, SystemKind.KAFKA, 1);
        measurements.add(LATENCY, SystemKind.KAFKA, 2);
        measurements.fail(SystemKind.TRIBUTARY, "round 1/3: node did not start");

        assertThat(ResultTable.samples(measurements)).contains("| latency p99 | ms | Kafka | 3, 1, 2 |")
                .contains("| latency p99 | ms | Tributary | none |");
        assertThat(ResultTable.failureLines(measurements)).containsExactly("Tributary: round 1/3: node did not start");
    }
}

package io.tributary.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProducerPerfParserTest {

    /** Captured from Kafka 4.3.1's ProducerPerformance with --warmup-records (a bench run against Kafka). */
    private static final String WITH_WARMUP = """
            Warmup first 10000 records. Steady state results will print after the complete test summary.
            In steady state.
            24996 records sent, 4997.2 records/sec (4.88 MB/sec), 3.0 ms avg latency, 49.0 ms max latency.
            50000 records sent, 4992.012780 records/sec (4.88 MB/sec), 5.03 ms avg latency, 273.00 ms max latency, 3 ms 50th, 13 ms 95th, 68 ms 99th, 78 ms 99.9th.
            40000 steady state records sent, 4987.531172 records/sec (4.87 MB/sec), 2.64 ms avg latency, 49.00 ms max latency, 3 ms 50th, 5 ms 95th, 12 ms 99th, 44 ms 99.9th.
            """;

    @Test
    void theSteadyStateLineWinsOverTheOverallOne() {
        ProducerPerfResult result = ProducerPerfParser.parse(WITH_WARMUP);

        assertThat(result.steadyState()).isTrue();
        assertThat(result.records()).isEqualTo(40_000);
        assertThat(result.recordsPerSec()).isEqualTo(4987.531172);
        assertThat(result.mbPerSec()).isEqualTo(4.87);
        assertThat(result.avgLatencyMs()).isEqualTo(2.64);
        assertThat(result.maxLatencyMs()).isEqualTo(49.0);
        assertThat(result.p50Ms()).isEqualTo(3);
        assertThat(result.p95Ms()).isEqualTo(5);
        assertThat(result.p99Ms()).isEqualTo(12);
        assertThat(result.p999Ms()).isEqualTo(44);
    }

    @Test
    void withoutWarmupTheOverallLineIsTheResult() {
        String output = """
                44366 records sent, 8873.2 records/sec (8.67 MB/sec), 2164.2 ms avg latency, 3200.0 ms max latency.
                200000 records sent, 20283.975659 records/sec (19.81 MB/sec), 1337.28 ms avg latency, 3200.00 ms max latency, 1319 ms 50th, 2878 ms 95th, 3115 ms 99th, 3193 ms 99.9th.
                """;

        ProducerPerfResult result = ProducerPerfParser.parse(output);

        assertThat(result.steadyState()).isFalse();
        assertThat(result.records()).isEqualTo(200_000);
        assertThat(result.mbPerSec()).isEqualTo(19.81);
        assertThat(result.p99Ms()).isEqualTo(3115);
    }

    @Test
    void progressLinesAloneAreNotAResult() {
        String interrupted = """
                Warmup first 10000 records. Steady state results will print after the complete test summary.
                24996 records sent, 4997.2 records/sec (4.88 MB/sec), 3.0 ms avg latency, 49.0 ms max latency.
                org.apache.kafka.common.errors.TimeoutException: Expiring 15 record(s) for bench-1p-0
                """;

        assertThatThrownBy(() -> ProducerPerfParser.parse(interrupted)).hasMessageContaining("no ProducerPerformance summary");
    }

    @Test
    void stackTracesAroundTheSummaryDoNotConfuseIt() {
        String output = """
                org.apache.kafka.common.errors.NotLeaderOrFollowerException: the leader moved
                \tat org.apache.kafka.clients.producer.internals.Sender.completeBatch(Sender.java:1)
                999 records sent, 99.900100 records/sec (0.10 MB/sec), 1.00 ms avg latency, 9.00 ms max latency, 1 ms 50th, 2 ms 95th, 3 ms 99th, 9 ms 99.9th.
                """;

        assertThat(ProducerPerfParser.parse(output).records()).isEqualTo(999);
    }
}

package io.tributary.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outputs here are Kafka 4.3.1's ConsumerPerformance, captured against a Tributary node on 2026-12-07. */
class ConsumerPerfParserTest {

    private static final String HEADER = "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, "
            + "rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec\n";

    @Test
    void parsesTheSummaryOfARunThatReadEveryRecord() {
        String output = HEADER
                + "2026-12-07 11:56:11:006, 2026-12-07 11:56:28:903, 19.5313, 1.0913, 20000, 1117.5057, 11216, 6681, 2.9234, 2993.5638\n";

        ConsumerPerfResult result = ConsumerPerfParser.parse(output);

        assertThat(result).isEqualTo(new ConsumerPerfResult(19.5313, 1.0913, 20_000, 1117.5057, 11_216, 6681, 2.9234, 2993.5638, false));
    }

    @Test
    void skipsTheDeprecationWarningOfMessages() {
        String output = "Warning: --messages is deprecated. Use --num-records instead.\n" + HEADER
                + "2026-12-07 11:54:33:517, 2026-12-07 11:54:59:431, 19.5313, 0.7537, 20000, 771.7836, 14808, 11106, 1.7586, 1800.8284\n";

        ConsumerPerfResult result = ConsumerPerfParser.parse(output);

        assertThat(result.records()).isEqualTo(20_000);
        assertThat(result.rebalanceMs()).isEqualTo(14_808);
        assertThat(result.fetchMs()).isEqualTo(11_106);
        assertThat(result.fetchMbPerSec()).isEqualTo(1.7586);
        assertThat(result.timedOut()).isFalse();
    }

    @Test
    void aRunThatGaveUpIsMarkedTimedOut() {
        String output = HEADER
                + "WARNING: Exiting before consuming the expected number of records: timeout (3000 ms) exceeded. "
                + "You can use the --timeout option to increase the timeout.\n"
                + "2026-12-07 11:55:24:083, 2026-12-07 11:55:27:773, 0.0000, 0.0000, 0, 0.0000, 0, 3690, 0.0000, 0.0000\n";

        ConsumerPerfResult result = ConsumerPerfParser.parse(output);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.records()).isZero();
    }

    @Test
    void columnsAreFoundByName() {
        String output = "start.time, end.time, data.consumed.in.nMsg, data.consumed.in.MB, MB.sec, nMsg.sec, "
                + "fetch.time.ms, rebalance.time.ms, fetch.MB.sec, fetch.nMsg.sec\n"
                + "t0, t1, 100, 0.0977, 0.5, 512.0, 150, 50, 0.6510, 666.6667\n";

        ConsumerPerfResult result = ConsumerPerfParser.parse(output);

        assertThat(result).isEqualTo(new ConsumerPerfResult(0.0977, 0.5, 100, 512.0, 50, 150, 0.6510, 666.6667, false));
    }

    @Test
    void outputWithoutAHeaderOrASummaryIsAnError() {
        assertThatThrownBy(() -> ConsumerPerfParser.parse("Exception in thread \"main\" ..."))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header");
        assertThatThrownBy(() -> ConsumerPerfParser.parse(HEADER + "org.apache.kafka.common.errors.TimeoutException: boom\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("summary");
    }

    @Test
    void aHeaderWithoutAColumnTheBenchReadsIsAnError() {
        String output = "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec\n"
                + "t0, t1, 19.5313, 1.0913, 20000, 1117.5057\n";

        assertThatThrownBy(() -> ConsumerPerfParser.parse(output)).hasMessageContaining("rebalance.time.ms");
    }

    @Test
    void aFigureThatIsNotFiniteIsRefused() {
        String output = HEADER + "t0, t1, 0.0977, 0.5, 100, 512.0, 200, 0, Infinity, Infinity\n";

        assertThatThrownBy(() -> ConsumerPerfParser.parse(output)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
    }

    @Test
    void theCommandLineAsksForTheGroupAndTheRecords() {
        ConsumerPerfRun run = new ConsumerPerfRun("127.0.0.1:9092", "bulk-1", 100_000, "bench-bulk-kafka-1",
                java.time.Duration.ofSeconds(120));

        assertThat(run.arguments()).containsExactly("--bootstrap-server", "127.0.0.1:9092", "--topic", "bulk-1",
                "--group", "bench-bulk-kafka-1", "--num-records", "100000", "--timeout", "120000");
    }
}

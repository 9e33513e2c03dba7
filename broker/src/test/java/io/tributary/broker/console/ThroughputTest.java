package io.tributary.broker.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rates come from two samples at least a window apart; shrinking logs never read as negative rates. */
class ThroughputTest {

    private final TopicPartition tp = new TopicPartition("t", 0);

    @Test
    void ratesOverTheLastWindow() {
        Throughput t = new Throughput();
        assertThat(t.sample(tp, 0, 0, 0)).isEqualTo(Throughput.Rate.NONE);
        t.sample(tp, 1_000, 500, 50_000);
        Throughput.Rate r = t.sample(tp, 1_000, 500, 50_000);
        assertThat(r.recordsPerSec()).isEqualTo(500.0);
        assertThat(r.bytesPerSec()).isEqualTo(50_000.0);
        // Half a window later the older sample still counts; a full window later the newer one does.
        assertThat(t.sample(tp, 1_500, 600, 60_000).recordsPerSec()).isEqualTo(400.0);
        assertThat(t.sample(tp, 2_000, 600, 10_000).bytesPerSec()).as("retention shrank the log").isZero();
    }

    @Test
    void forgetsPartitionsNoLongerHosted() {
        Throughput t = new Throughput();
        t.sample(tp, 0, 0, 0);
        t.sample(tp, 1_000, 100, 0);
        t.retain(Set.of());
        assertThat(t.sample(tp, 2_000, 200, 0)).isEqualTo(Throughput.Rate.NONE);
    }
}

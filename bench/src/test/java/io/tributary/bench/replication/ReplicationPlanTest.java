package io.tributary.bench.replication;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicationPlanTest {

    @Test
    void bothPlansKeepTheFollowerDownThirtySecondsUnderALoadThatOutlastsIt() {
        for (ReplicationPlan plan : new ReplicationPlan[] {ReplicationPlan.full(), ReplicationPlan.quick()}) {
            assertThat(plan.downtime()).isEqualTo(Duration.ofSeconds(30));
            assertThat(plan.rejoinLoad()).isGreaterThan(plan.downtime());
            assertThat(plan.rejoinRecords()).isEqualTo(plan.rejoinRecordsPerSec() * plan.rejoinLoad().toSeconds());
            assertThat(plan.recordSizeBytes()).isEqualTo(1024);
            assertThat(plan.latencyRecordsPerSec()).isEqualTo(5_000);
        }
        assertThat(ReplicationPlan.quick().throughputRecords()).isEqualTo(ReplicationPlan.full().throughputRecords() / 10);
    }

    @Test
    void aLoadThatEndsBeforeTheFollowerReturnsIsRefused() {
        assertThatThrownBy(() -> new ReplicationPlan(10, 1, 10, 1, 5_000, 1024, 1_000, Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .hasMessageContaining("must outlast the downtime");
    }

    @Test
    void theReportSaysTheTopicSettingsAndTheDowntime() {
        String settings = ReplicationReport.settings(ReplicationPlan.full(), 5);

        assertThat(settings).contains("3 partitions, replication factor 3, `min.insync.replicas=2`")
                .contains("1,000,000 records as fast as acks=all allows of which the first 100,000 are warm-up")
                .contains("latency at 5,000 records/s for 150,000 records (25,000 warm-up)")
                .contains("launched again 30 s after the kill")
                .contains("2,000 records/s")
                .contains("- Rounds: 5;");
    }
}

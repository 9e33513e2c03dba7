package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPlannerTest {

    static RetentionPlanner.Candidate seg(long base, long size, long ts, long upper, boolean lastAndEmpty) {
        return new RetentionPlanner.Candidate(base, size, ts, upper, lastAndEmpty);
    }

    final List<RetentionPlanner.Candidate> log = List.of(
            seg(0, 100, 1_000, 10, false),
            seg(10, 100, 2_000, 20, false),
            seg(20, 100, 3_000, 30, false),
            seg(30, 50, 4_000, 35, false));

    @Test
    void byTimeDeletesThePrefixOlderThanRetention() {
        assertThat(RetentionPlanner.plan(log, 4_500, 2_000, -1, Long.MAX_VALUE)).isEqualTo(new RetentionPlanner.Plan(2, "retention.ms"));
        assertThat(RetentionPlanner.plan(log, 4_500, -1, -1, Long.MAX_VALUE).count()).isZero();
        assertThat(RetentionPlanner.plan(log, 100_000, 2_000, -1, Long.MAX_VALUE).count()).isEqualTo(4);
    }

    @Test
    void bySizeStopsBeforeGoingUnderTheLimit() {
        assertThat(RetentionPlanner.plan(log, 0, -1, 150, Long.MAX_VALUE)).isEqualTo(new RetentionPlanner.Plan(2, "retention.bytes"));
        assertThat(RetentionPlanner.plan(log, 0, -1, 151, Long.MAX_VALUE).count()).isEqualTo(1);
        assertThat(RetentionPlanner.plan(log, 0, -1, 0, Long.MAX_VALUE).count()).isEqualTo(4);
        assertThat(RetentionPlanner.plan(log, 0, -1, 350, Long.MAX_VALUE).count()).isZero();
    }

    @Test
    void neverPastTheHighWatermarkNorAnEmptyActiveSegment() {
        assertThat(RetentionPlanner.plan(log, 100_000, 1, -1, 20).count()).isEqualTo(2);
        assertThat(RetentionPlanner.plan(log, 100_000, 1, -1, 19).count()).isEqualTo(1);
        List<RetentionPlanner.Candidate> emptyActive = List.of(seg(0, 100, 1_000, 10, false), seg(10, 0, 0, 10, true));
        assertThat(RetentionPlanner.plan(emptyActive, 100_000, 1, 0, Long.MAX_VALUE).count()).isEqualTo(1);
    }
}

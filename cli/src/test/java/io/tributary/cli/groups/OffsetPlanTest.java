package io.tributary.cli.groups;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetPlanTest {
    @Test
    void eachTargetLandsInsideThePartitionsOffsets() {
        assertThat(OffsetPlan.newOffset(new OffsetPlan.ToEarliest(), 5, 20, 12L, -1)).isEqualTo(5);
        assertThat(OffsetPlan.newOffset(new OffsetPlan.ToLatest(), 5, 20, 12L, -1)).isEqualTo(20);
        assertThat(OffsetPlan.newOffset(new OffsetPlan.ToOffset(9), 5, 20, 12L, -1)).isEqualTo(9);
        assertThat(OffsetPlan.newOffset(new OffsetPlan.ToOffset(2), 5, 20, 12L, -1)).as("below the log start").isEqualTo(5);
        assertThat(OffsetPlan.newOffset(new OffsetPlan.ToOffset(99), 5, 20, 12L, -1)).as("past the log end").isEqualTo(20);
        assertThat(OffsetPlan.newOffset(new OffsetPlan.ToDatetime(0), 5, 20, 12L, 8)).isEqualTo(8);
        assertThat(OffsetPlan.newOffset(new OffsetPlan.ToDatetime(0), 5, 20, 12L, -1)).as("no record that late").isEqualTo(20);
        assertThat(OffsetPlan.newOffset(new OffsetPlan.ShiftBy(-3), 5, 20, 12L, -1)).isEqualTo(9);
        assertThat(OffsetPlan.newOffset(new OffsetPlan.ShiftBy(-30), 5, 20, 12L, -1)).isEqualTo(5);
        assertThat(OffsetPlan.newOffset(new OffsetPlan.ShiftBy(-3), 5, 20, null, -1)).as("no commit: from the end").isEqualTo(17);
    }
}

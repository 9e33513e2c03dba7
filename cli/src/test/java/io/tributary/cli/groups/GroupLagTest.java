package io.tributary.cli.groups;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupLagTest {
    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final TopicPartition B0 = new TopicPartition("b", 0);

    @Test
    void lagIsLogEndMinusCommittedAndUnknownWithoutACommit() {
        GroupLag.Owner m = new GroupLag.Owner("m-1", "c-1", "/127.0.0.1");
        List<GroupLag.Row> rows = GroupLag.rows(Map.of(A1, 4L, A0, 10L), Map.of(A0, 15L, A1, 4L, B0, 7L), Map.of(B0, m, A0, m));
        assertThat(rows).containsExactly(
                new GroupLag.Row("a", 0, 10L, 15L, 5L, "m-1", "c-1", "/127.0.0.1"),
                new GroupLag.Row("a", 1, 4L, 4L, 0L, null, null, null),
                new GroupLag.Row("b", 0, null, 7L, null, "m-1", "c-1", "/127.0.0.1"));
        assertThat(GroupLag.total(rows)).isEqualTo(5);
    }

    @Test
    void aCommitPastTheLogEndIsNoNegativeLag() {
        // The log end was read after the commit on a truncated log, or a moment before a commit landed.
        assertThat(GroupLag.rows(Map.of(A0, 20L), Map.of(A0, 15L), Map.of()).get(0).lag()).isZero();
    }
}

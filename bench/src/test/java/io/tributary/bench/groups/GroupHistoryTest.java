package io.tributary.bench.groups;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GroupHistoryTest {

    private static final TopicPartition P = new TopicPartition("orders", 0);

    private static List<GroupMember.Consumed> consumed(long fromOffset, long toOffset, long pollNs) {
        List<GroupMember.Consumed> records = new ArrayList<>();
        for (long o = fromOffset; o < toOffset; o++) {
            records.add(new GroupMember.Consumed(P, o, pollNs));
        }
        return records;
    }

    private static GroupMember.Commit commit(long offset, long startNs, long endNs, String error) {
        return new GroupMember.Commit(Map.of(P, offset), startNs, endNs, error);
    }

    @Test
    void redeliveriesFromTheLastAcknowledgedCommitAreCountedButNotJudged() {
        List<GroupMember.Consumed> records = new ArrayList<>(consumed(0, 10, 100));
        // The commit of 10 failed (the coordinator died); the one of 6 was the last acknowledged; 6..9 come again.
        records.addAll(consumed(6, 12, 500));
        List<GroupMember.Commit> commits = List.of(commit(6, 50, 60, null), commit(10, 110, 400, "TimeoutException"));
        GroupHistory.Verdict verdict = GroupHistory.judge(records, commits, Map.of(P, 0L), Map.of(P, 12L));
        assertThat(verdict.consumed()).isEqualTo(16);
        assertThat(verdict.redelivered()).isEqualTo(4);
        assertThat(verdict.redeliveredBelowCommit()).isZero();
        assertThat(verdict.skipped()).isZero();
        assertThat(verdict.example()).isEmpty();
    }

    @Test
    void aRedeliveryBelowAnAcknowledgedCommitIsALostCommit() {
        List<GroupMember.Consumed> records = new ArrayList<>(consumed(0, 10, 100));
        records.addAll(consumed(3, 10, 500));
        List<GroupMember.Commit> commits = List.of(commit(10, 110, 120, null));
        GroupHistory.Verdict verdict = GroupHistory.judge(records, commits, Map.of(P, 0L), Map.of(P, 10L));
        assertThat(verdict.redelivered()).isEqualTo(7);
        assertThat(verdict.redeliveredBelowCommit()).isEqualTo(7);
        assertThat(verdict.example()).contains("offset 3").contains("commit of 10");
    }

    @Test
    void aCommitAcknowledgedOnlyAfterThePollBeganDoesNotJudgeIt() {
        List<GroupMember.Consumed> records = new ArrayList<>(consumed(0, 10, 100));
        records.addAll(consumed(5, 10, 500));
        List<GroupMember.Commit> commits = List.of(commit(10, 110, 600, null));
        assertThat(GroupHistory.judge(records, commits, Map.of(P, 0L), Map.of(P, 10L)).redeliveredBelowCommit()).isZero();
    }

    @Test
    void aRecordNoMemberConsumedIsSkipped() {
        List<GroupMember.Consumed> records = new ArrayList<>(consumed(0, 4, 100));
        records.addAll(consumed(5, 8, 200));
        GroupHistory.Verdict verdict = GroupHistory.judge(records, List.of(), Map.of(P, 0L), Map.of(P, 8L));
        assertThat(verdict.skipped()).isEqualTo(1);
        assertThat(verdict.example()).contains("offset 4 never consumed");
        assertThat(GroupHistory.consumedTo(records, Map.of(P, 8L))).isTrue();
        assertThat(GroupHistory.consumedTo(records, Map.of(P, 9L))).isFalse();
    }

    @Test
    void theFirstCommitAfterAMomentMustHaveStartedAfterIt() {
        List<GroupMember.Commit> commits = List.of(commit(5, 90, 105, null), commit(6, 110, 130, "NotCoordinatorException"),
                commit(7, 140, 150, null), commit(8, 145, 149, null));
        assertThat(GroupHistory.firstAcknowledgedSince(commits, 100)).hasValue(149);
        assertThat(GroupHistory.firstAcknowledgedSince(commits, 146)).isEmpty();
    }
}

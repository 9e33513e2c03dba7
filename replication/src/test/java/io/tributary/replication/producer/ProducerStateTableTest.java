package io.tributary.replication.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerStateTableTest {

    private final ProducerStateTable table = new ProducerStateTable();
    private long logEnd = 0;

    /** Checks and, if accepted, "appends" one batch of {@code count} records; returns the verdict. */
    private ProducerCheck produce(long pid, short epoch, int firstSeq, int count) {
        ProducerStateTable.AppendPlan plan = table.plan();
        ProducerCheck check = plan.check(pid, epoch, firstSeq, firstSeq + count - 1);
        if (check instanceof ProducerCheck.Accept) {
            plan.record(0, logEnd, logEnd + count - 1, 1000 + logEnd);
            plan.commit();
            logEnd += count;
        }
        return check;
    }

    @Test
    void acceptsInSequenceBatchesFromANewProducer() {
        assertThat(produce(7, (short) 0, 0, 3)).isInstanceOf(ProducerCheck.Accept.class);
        assertThat(produce(7, (short) 0, 3, 2)).isInstanceOf(ProducerCheck.Accept.class);
        assertThat(table.entry(7).lastSeq()).isEqualTo(4);
        assertThat(table.entry(7).lastOffset()).isEqualTo(4);
    }

    @Test
    void aRetryOfAnyOfTheLastFiveBatchesGetsItsOriginalOffsets() {
        for (int i = 0; i < 5; i++) {
            produce(7, (short) 0, i * 2, 2);
        }
        for (int i = 0; i < 5; i++) {
            ProducerCheck retry = produce(7, (short) 0, i * 2, 2);
            assertThat(retry).isEqualTo(new ProducerCheck.Duplicate(i * 2L, i * 2L + 1, 1000 + i * 2L));
        }
        assertThat(logEnd).as("no retry was written").isEqualTo(10);
    }

    @Test
    void aRetryOfTheSixthMostRecentBatchIsOutOfOrder() {
        for (int i = 0; i < 6; i++) {
            produce(7, (short) 0, i, 1);
        }
        ProducerCheck old = produce(7, (short) 0, 0, 1);
        assertThat(old).isInstanceOf(ProducerCheck.Reject.class);
        assertThat(((ProducerCheck.Reject) old).error()).isEqualTo(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    }

    @Test
    void aGapIsOutOfOrder() {
        produce(7, (short) 0, 0, 1);
        ProducerCheck gap = produce(7, (short) 0, 2, 1);
        assertThat(gap).isInstanceOf(ProducerCheck.Reject.class);
        assertThat(((ProducerCheck.Reject) gap).error()).isEqualTo(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(logEnd).isEqualTo(1);
    }

    @Test
    void anOlderEpochIsFencedAndANewEpochStartsAtZero() {
        produce(7, (short) 1, 0, 1);
        ProducerCheck stale = produce(7, (short) 0, 1, 1);
        assertThat(((ProducerCheck.Reject) stale).error()).isEqualTo(ErrorCode.INVALID_PRODUCER_EPOCH);
        ProducerCheck badStart = produce(7, (short) 2, 5, 1);
        assertThat(((ProducerCheck.Reject) badStart).error()).isEqualTo(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(produce(7, (short) 2, 0, 1)).isInstanceOf(ProducerCheck.Accept.class);
        assertThat(table.entry(7).epoch()).isEqualTo((short) 2);
        assertThat(table.entry(7).batches()).hasSize(1);
    }

    @Test
    void anUnknownProducerIsAcceptedAtAnySequenceBecauseItsStateMayHaveExpired() {
        assertThat(produce(9, (short) 3, 41, 1)).isInstanceOf(ProducerCheck.Accept.class);
        assertThat(produce(9, (short) 3, 42, 1)).isInstanceOf(ProducerCheck.Accept.class);
    }

    @Test
    void sequencesWrapAfterIntegerMax() {
        produce(7, (short) 0, Integer.MAX_VALUE, 1);
        assertThat(produce(7, (short) 0, 0, 1)).isInstanceOf(ProducerCheck.Accept.class);
    }

    @Test
    void batchesOfOneRequestAreCheckedAgainstEachOther() {
        ProducerStateTable.AppendPlan plan = table.plan();
        assertThat(plan.check(7, (short) 0, 0, 1)).isInstanceOf(ProducerCheck.Accept.class);
        assertThat(plan.check(7, (short) 0, 2, 3)).isInstanceOf(ProducerCheck.Accept.class);
        assertThat(plan.check(7, (short) 0, 9, 9)).isInstanceOf(ProducerCheck.Reject.class);
        assertThat(table.size()).as("nothing changes before the commit").isZero();
        plan.record(0, 0, 1, 5);
        plan.record(1, 2, 3, 5);
        plan.commit();
        assertThat(table.entry(7).lastSeq()).isEqualTo(3);
    }

    @Test
    void aCommitWithAnUnrecordedBatchIsRefused() {
        ProducerStateTable.AppendPlan plan = table.plan();
        plan.check(7, (short) 0, 0, 0);
        assertThatThrownBy(plan::commit).isInstanceOf(IllegalStateException.class).hasMessageContaining("never recorded");
    }

    @Test
    void batchesWithoutAProducerIdAreNotTracked() {
        assertThat(produce(-1, (short) -1, -1, 3)).isInstanceOf(ProducerCheck.Accept.class);
        assertThat(table.size()).isZero();
    }

    @Test
    void truncationForgetsBatchesAboveTheTruncationPoint() {
        produce(7, (short) 0, 0, 2);
        produce(7, (short) 0, 2, 2);
        produce(8, (short) 0, 0, 2);
        table.truncateFrom(2);
        assertThat(table.entry(7).lastSeq()).isEqualTo(1);
        assertThat(table.entry(8)).isNull();
    }

    @Test
    void aTailCutIsAppliedInPlaceOnlyWhenEveryTouchedProducerKeepsABatchBelowIt() {
        produce(7, (short) 0, 0, 2);     // offsets 0-1
        produce(8, (short) 0, 0, 2);     // 2-3
        produce(7, (short) 0, 2, 2);     // 4-5
        produce(8, (short) 0, 2, 2);     // 6-7
        assertThat(table.truncateTailIfRetained(4)).isTrue();
        assertThat(table.entry(7).lastSeq()).isEqualTo(1);
        assertThat(table.entry(8).lastSeq()).isEqualTo(1);
        assertThat(produce(7, (short) 0, 2, 2)).isInstanceOf(ProducerCheck.Accept.class);

        produce(9, (short) 0, 0, 2);     // a producer first seen above the next cut
        long cut = logEnd - 2;
        assertThat(table.truncateTailIfRetained(cut)).isFalse();
        assertThat(table.entry(9)).isNotNull();    // nothing changed: the caller reloads

        produce(7, (short) 1, 0, 2);     // a new epoch: its older batches are forgotten
        assertThat(table.truncateTailIfRetained(logEnd - 2)).isFalse();
        assertThat(table.entry(7).epoch()).isEqualTo((short) 1);
    }

    @Test
    void expirationDropsProducersIdleForTheExpirationTime() {
        produce(7, (short) 0, 0, 2);
        produce(8, (short) 0, 0, 2);
        assertThat(table.expire(1002 + 50, 100)).isZero();
        assertThat(table.expire(1000 + 101, 100)).isEqualTo(1);
        assertThat(table.entry(7)).isNull();
        assertThat(table.entry(8)).isNotNull();
        assertThat(table.expire(1003 + 101, 100)).isEqualTo(1);
        assertThat(table.size()).isZero();
    }

    @Test
    void aReloadAfterTruncationGetsBackProducersItCouldNotSeeBelowTheCut() {
        produce(7, (short) 0, 0, 2);
        produce(8, (short) 0, 0, 2);
        produce(9, (short) 0, 0, 2);
        List<ProducerEntry> before = List.copyOf(table.entries());
        // The reload saw only producer 8 (7's batches went with retention); the cut at 4 removed 9's batch.
        table.restore(List.of());
        table.replay(8, (short) 0, 0, 1, 2, 3, 1002);
        assertThat(table.restoreUntouched(before, 4)).isEqualTo(1);
        assertThat(table.entry(7).lastSeq()).isEqualTo(1);
        assertThat(table.entry(9)).isNull();
    }

    @Test
    void replayRefusesAnEpochGoingBackwards() {
        table.replay(7, (short) 2, 0, 0, 0, 0, 1);
        assertThatThrownBy(() -> table.replay(7, (short) 1, 1, 1, 1, 1, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("epoch");
    }
}

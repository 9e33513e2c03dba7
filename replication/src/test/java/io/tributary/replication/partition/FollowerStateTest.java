package io.tributary.replication.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.replication.partition.FollowerState.LocalEpochs;
import io.tributary.replication.partition.FollowerState.Phase;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FollowerStateTest {

    private static final LocalEpochs NO_EPOCHS = epoch -> Optional.empty();

    @Test
    void recordsAtTheLogEndAreAppendedAndTheHighWatermarkFollows() {
        FollowerState f = new FollowerState(1, 3, 10, 10);
        assertThat(f.fetchOffset()).isEqualTo(10);

        FollowerAction a = f.onFetchResponse(FetchedPartition.records(10, 14, 10, 20), NO_EPOCHS);

        assertThat(a).isEqualTo(new FollowerAction.Append(10, 20));
        assertThat(f.phase()).isEqualTo(Phase.APPENDING);
        assertThat(f.highWatermark()).as("not before the records are in the log").isEqualTo(10);
        f.onAppended(20);
        assertThat(f.phase()).isEqualTo(Phase.READY);
        assertThat(f.logEndOffset()).isEqualTo(20);
        assertThat(f.highWatermark()).isEqualTo(14);
        assertThat(f.fetchOffset()).isEqualTo(20);
    }

    @Test
    void theHighWatermarkNeverPassesTheLocalLogEnd() {
        FollowerState f = new FollowerState(1, 0, 5, 0);
        FollowerAction a = f.onFetchResponse(FetchedPartition.empty(5, 50), NO_EPOCHS);
        assertThat(a).isEqualTo(new FollowerAction.None(5));
        assertThat(f.highWatermark()).isEqualTo(5);
        assertThat(f.leaderHighWatermark()).isEqualTo(50);

        f.onFetchResponse(FetchedPartition.records(5, 50, 5, 30), NO_EPOCHS);
        f.onAppended(30);
        assertThat(f.highWatermark()).isEqualTo(30);
    }

    @Test
    void aLowerHighWatermarkFromTheSameLeaderIsIgnored() {
        FollowerState f = new FollowerState(1, 0, 20, 0);
        f.onFetchResponse(FetchedPartition.empty(20, 15), NO_EPOCHS);
        assertThat(f.highWatermark()).isEqualTo(15);

        assertThat(f.onFetchResponse(FetchedPartition.empty(20, 9), NO_EPOCHS)).isEqualTo(new FollowerAction.None(15));
        assertThat(f.leaderHighWatermark()).isEqualTo(15);
    }

    @Test
    void aDivergingEpochTheFollowerHasTruncatesToTheSmallerEnd() {
        FollowerState f = new FollowerState(1, 5, 40, 20);
        // Locally epoch 3 runs to 35; on the leader it ended at 30.
        LocalEpochs local = epoch -> epoch == 3 ? Optional.of(new EpochEndOffset(3, 35)) : Optional.empty();

        FollowerAction a = f.onFetchResponse(FetchedPartition.diverging(40, 25, new EpochEndOffset(3, 30)), local);

        assertThat(a).isEqualTo(new FollowerAction.Truncate(30, false));
        assertThat(f.phase()).isEqualTo(Phase.TRUNCATING);
        f.onTruncated(28); // the log cut the whole batch holding offset 30
        assertThat(f.logEndOffset()).isEqualTo(28);
        assertThat(f.highWatermark()).isEqualTo(25);
        assertThat(f.fetchOffset()).isEqualTo(28);
    }

    @Test
    void aDivergingEpochTheFollowerLacksTruncatesToItsLargestEarlierEpoch() {
        FollowerState f = new FollowerState(1, 5, 40, 10);
        // The leader's epoch 4 is unknown here; the follower's epoch 2 ends at 18.
        LocalEpochs local = epoch -> Optional.of(new EpochEndOffset(2, 18));

        FollowerAction a = f.onFetchResponse(FetchedPartition.diverging(40, 10, new EpochEndOffset(4, 33)), local);

        assertThat(a).isEqualTo(new FollowerAction.Truncate(18, false));
    }

    @Test
    void aFollowerThatTracksNoEpochsTruncatesToTheLeadersEnd() {
        FollowerState f = new FollowerState(1, 5, 40, 0);
        FollowerAction a = f.onFetchResponse(FetchedPartition.diverging(40, 0, new EpochEndOffset(1, 12)), NO_EPOCHS);
        assertThat(a).isEqualTo(new FollowerAction.Truncate(12, false));
    }

    @Test
    void aDivergingEpochOlderThanEveryLocalEpochTruncatesTheWholeNewerLog() {
        // The follower led epoch 1 from offset 0 and wrote [0, 1) there; the leader of epoch 2 holds
        // [0, 3) from epoch 0, which this follower never saw. The lookup answers as the log's cache:
        // epoch 0 "ends" where the oldest local epoch starts.
        FollowerState f = new FollowerState(2, 2, 1, 0);
        LocalEpochs local = epoch -> epoch >= 1 ? Optional.of(new EpochEndOffset(1, 1)) : Optional.of(new EpochEndOffset(epoch, 0));

        FollowerAction a = f.onFetchResponse(FetchedPartition.diverging(1, 3, new EpochEndOffset(0, 3)), local);

        assertThat(a).as("offset 0 holds an epoch-1 batch the leader never had").isEqualTo(new FollowerAction.Truncate(0, false));
        f.onTruncated(0);
        assertThat(f.highWatermark()).isZero();
    }

    @Test
    void theHighWatermarkWaitsForAFetchThatNoLongerDivergesAfterATruncation() {
        // This follower led epoch 9 and wrote [1280, 1304) there, which the new leader never had;
        // the new leader's epoch 10 ends at 1282 and its high watermark is 1284.
        FollowerState f = new FollowerState(2, 12, 1304, 1200);
        LocalEpochs local = epoch -> epoch >= 9 ? Optional.of(new EpochEndOffset(9, 1304)) : Optional.of(new EpochEndOffset(8, 1049));

        FollowerAction a = f.onFetchResponse(FetchedPartition.diverging(1304, 1284, new EpochEndOffset(10, 1282)), local);

        assertThat(a).as("an intermediate step: to the end of the largest local epoch below 10").isEqualTo(new FollowerAction.Truncate(1304, false));
        f.onTruncated(1304);
        assertThat(f.highWatermark()).as("[1280, 1304) still holds epoch-9 records the leader does not have").isEqualTo(1200);

        // The leader's epoch 9 ended at 1280: a truncation to the end of the epoch both logs hold,
        // after which they match, then a fetch that no longer diverges.
        f.onFetchResponse(FetchedPartition.diverging(1304, 1284, new EpochEndOffset(9, 1280)), local);
        f.onTruncated(1280);
        assertThat(f.highWatermark()).isEqualTo(1280);
        f.onFetchResponse(FetchedPartition.records(1280, 1284, 1280, 1284), local);
        f.onAppended(1284);
        assertThat(f.highWatermark()).isEqualTo(1284);
    }

    @Test
    void truncationNeverGoesPastTheLocalLogEnd() {
        FollowerState f = new FollowerState(1, 5, 40, 0);
        FollowerAction a = f.onFetchResponse(FetchedPartition.diverging(40, 0, new EpochEndOffset(1, 90)), NO_EPOCHS);
        assertThat(a).isEqualTo(new FollowerAction.Truncate(40, false));
    }

    @Test
    void truncationBelowTheHighWatermarkIsFlaggedAndLowersIt() {
        FollowerState f = new FollowerState(1, 5, 40, 30);

        FollowerAction a = f.onFetchResponse(FetchedPartition.diverging(40, 30, new EpochEndOffset(2, 22)), NO_EPOCHS);

        assertThat(a).isEqualTo(new FollowerAction.Truncate(22, true));
        f.onTruncated(22);
        assertThat(f.highWatermark()).isEqualTo(22);
    }

    @Test
    void aFailedActionReturnsToReadyAtTheLogsRealEnd() {
        FollowerState f = new FollowerState(1, 0, 10, 10);
        f.onFetchResponse(FetchedPartition.records(10, 10, 10, 15), NO_EPOCHS);
        f.onActionFailed(10);
        assertThat(f.phase()).isEqualTo(Phase.READY);
        assertThat(f.fetchOffset()).isEqualTo(10);

        f.onFetchResponse(FetchedPartition.diverging(10, 10, new EpochEndOffset(0, 4)), NO_EPOCHS);
        f.onActionFailed(7);
        assertThat(f.logEndOffset()).isEqualTo(7);
        assertThat(f.highWatermark()).isEqualTo(7);
    }

    @Test
    void recordsPastTheLogEndAreAGapTheLeadersCleanerLeft() {
        FollowerState f = new FollowerState(1, 2, 10, 4);
        FollowerAction a = f.onFetchResponse(FetchedPartition.records(10, 9, 13, 15), NO_EPOCHS);
        assertThat(a).isEqualTo(new FollowerAction.Append(10, 15));
        f.onAppended(15);
        assertThat(f.logEndOffset()).isEqualTo(15);
    }

    @Test
    void illegalTransitionsAreRefusedAndChangeNothing() {
        FollowerState f = new FollowerState(1, 2, 10, 4);
        assertThatThrownBy(() -> f.onFetchResponse(FetchedPartition.records(10, 9, 9, 15), NO_EPOCHS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("do not continue the log");
        assertThatThrownBy(() -> f.onFetchResponse(FetchedPartition.empty(8, 9), NO_EPOCHS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("response for offset 8");
        assertThatThrownBy(() -> f.onFetchResponse(new FetchedPartition(10, 9, Optional.of(new EpochEndOffset(1, 3)),
                Optional.of(new FetchedPartition.OffsetRange(10, 12))), NO_EPOCHS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("both records and a diverging epoch");
        assertThatThrownBy(() -> f.onFetchResponse(FetchedPartition.diverging(10, 9, new EpochEndOffset(1, 3)),
                epoch -> Optional.of(new EpochEndOffset(2, 5))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("answered epoch 2 when asked for 1");
        assertThatThrownBy(() -> f.onAppended(12)).isInstanceOf(IllegalStateException.class).hasMessageContaining("while READY");
        assertThatThrownBy(() -> f.onTruncated(3)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> f.onActionFailed(10)).isInstanceOf(IllegalStateException.class);
        assertThat(f.phase()).isEqualTo(Phase.READY);
        assertThat(f.leaderHighWatermark()).as("refused responses are not heard").isEqualTo(4);

        f.onFetchResponse(FetchedPartition.records(10, 9, 10, 15), NO_EPOCHS);
        assertThatThrownBy(f::fetchOffset).isInstanceOf(IllegalStateException.class).hasMessageContaining("while APPENDING");
        assertThatThrownBy(() -> f.onFetchResponse(FetchedPartition.empty(10, 9), NO_EPOCHS)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> f.onAppended(14)).isInstanceOf(IllegalStateException.class).hasMessageContaining("ends at 14");
        assertThatThrownBy(() -> f.onTruncated(10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> f.onActionFailed(12)).isInstanceOf(IllegalStateException.class);
        f.onAppended(15);
        assertThat(f.logEndOffset()).isEqualTo(15);

        f.onFetchResponse(FetchedPartition.diverging(15, 9, new EpochEndOffset(1, 12)), NO_EPOCHS);
        assertThatThrownBy(() -> f.onTruncated(13)).isInstanceOf(IllegalStateException.class).hasMessageContaining("at or below 12");
        assertThatThrownBy(() -> f.onActionFailed(16)).isInstanceOf(IllegalStateException.class);
        f.onTruncated(12);
        assertThat(f.logEndOffset()).isEqualTo(12);

        assertThatThrownBy(() -> new FollowerState(1, 0, 5, 6)).isInstanceOf(IllegalArgumentException.class);
    }
}

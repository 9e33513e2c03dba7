package io.tributary.replication.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LeaderStateTest {

    @Test
    void aLoneLeaderCommitsEverythingItAppends() {
        LeaderState s = new LeaderState(1, 0, Set.of(1), Set.of(1), 1, 0, 0, 0);
        assertThat(s.onLocalAppend(10, 0).highWatermarkMoved()).isTrue();
        assertThat(s.highWatermark()).isEqualTo(10);
    }

    @Test
    void theHighWatermarkIsTheSmallestLogEndAcrossTheIsr() {
        LeaderState s = new LeaderState(1, 3, Set.of(1, 2, 3), Set.of(1, 2, 3), 1, 0, 0, 0);
        s.onLocalAppend(10, 0);
        assertThat(s.highWatermark()).isZero();
        s.onFollowerFetch(2, 7, 5);
        assertThat(s.highWatermark()).isZero();
        s.onFollowerFetch(3, 4, 5);
        assertThat(s.highWatermark()).isEqualTo(4);
        s.onFollowerFetch(3, 10, 6);
        assertThat(s.highWatermark()).isEqualTo(7);
    }

    @Test
    void aReassignmentKeepsTheStayingFollowersPositionsAndAddsTheNewReplicaUnknown() {
        LeaderState s = new LeaderState(1, 3, Set.of(1, 2), Set.of(1, 2), 1, 0, 0, 0);
        s.onLocalAppend(10, 0);
        s.onFollowerFetch(2, 10, 1);
        assertThat(s.highWatermark()).isEqualTo(10);
        // Replica 3 is added (not in the ISR yet): the term goes on, 2 keeps its position, 3 starts unknown.
        s.onReplicasChanged(Set.of(1, 2, 3), Set.of(1, 2), 2);
        assertThat(s.follower(2).logEndOffset()).isEqualTo(10);
        assertThat(s.follower(3).logEndOffset()).isEqualTo(LeaderState.UNKNOWN_OFFSET);
        s.onLocalAppend(12, 3);
        s.onFollowerFetch(2, 12, 4);
        assertThat(s.highWatermark()).as("3 is outside the ISR, so it does not hold the high watermark").isEqualTo(12);
        // The move completes without 2: it is forgotten.
        s.onReplicasChanged(Set.of(1, 3), Set.of(1, 3), 5);
        assertThat(s.follower(2)).isNull();
        assertThat(s.highWatermark()).isEqualTo(12);
        assertThatThrownBy(() -> s.onReplicasChanged(Set.of(2, 3), Set.of(2, 3), 6)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRestartedFollowersOldPositionNoLongerCounts() {
        // Follower 2 reported offset 8, then its broker restarted and may have lost its unflushed
        // tail: follower 3 catching up must not commit up to 8 on 2's word.
        LeaderState s = new LeaderState(1, 3, Set.of(1, 2, 3), Set.of(1, 2, 3), 1, 0, 0, 0);
        s.onLocalAppend(10, 0);
        s.onFollowerFetch(2, 8, 1);
        s.onFollowerFetch(3, 4, 1);
        assertThat(s.highWatermark()).isEqualTo(4);

        assertThat(s.onFollowerRestarted(2).highWatermarkMoved()).isFalse();
        assertThat(s.follower(2).logEndOffset()).isEqualTo(LeaderState.UNKNOWN_OFFSET);
        s.onFollowerFetch(3, 10, 2);
        assertThat(s.highWatermark()).isEqualTo(4);

        // Its first fetch after the restart says what it holds now.
        s.onFollowerFetch(2, 6, 3);
        assertThat(s.highWatermark()).isEqualTo(6);
    }

    @Test
    void aRestartedFollowerThatDoesNotComeBackLeavesTheIsrOnTheLagClock() {
        LeaderState s = new LeaderState(1, 3, Set.of(1, 2), Set.of(1, 2), 1, 0, 0, 0);
        s.onLocalAppend(10, 0);
        s.onFollowerFetch(2, 10, 100);
        s.onFollowerRestarted(2);
        assertThat(s.maybeShrinkIsr(200, 500, 0).proposal()).isEmpty();
        assertThat(s.maybeShrinkIsr(700, 500, 0).proposal()).hasValueSatisfying(p -> assertThat(p.proposedIsr()).containsExactly(1));
        assertThatThrownBy(() -> s.onFollowerRestarted(7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHighWatermarkNeverMovesBackwards() {
        LeaderState s = new LeaderState(1, 3, Set.of(1, 2), Set.of(1), 1, 10, 10, 0);
        s.onIsrCommitted(Set.of(1, 2));
        s.onFollowerFetch(2, 3, 1);
        assertThat(s.highWatermark()).isEqualTo(10);
    }

    @Test
    void theHighWatermarkHoldsWhileTheIsrIsBelowMinInsyncReplicas() {
        LeaderState s = new LeaderState(1, 3, Set.of(1, 2), Set.of(1), 2, 0, 0, 0);
        assertThat(s.onLocalAppend(5, 0).highWatermarkMoved()).isFalse();
        assertThat(s.hasMinIsr()).isFalse();
        s.onFollowerFetch(2, 5, 1);
        assertThat(s.highWatermark()).isZero();
        assertThat(s.onIsrCommitted(Set.of(1, 2)).highWatermarkMoved()).isTrue();
        assertThat(s.highWatermark()).isEqualTo(5);
    }

    @Test
    void loweringMinInsyncReplicasReleasesTheHighWatermarkAndKeepsTheTerm() {
        LeaderState s = new LeaderState(1, 3, Set.of(1, 2, 3), Set.of(1, 2), 3, 10, 10, 0);
        s.onLocalAppend(20, 0);
        s.onFollowerFetch(2, 20, 1);
        s.onFollowerFetch(3, 20, 1); // proposes replica 3 for the ISR
        assertThat(s.highWatermark()).isEqualTo(10);

        LeaderUpdate u = s.onMinInsyncReplicasChanged(2);

        assertThat(u.highWatermarkMoved()).isTrue();
        assertThat(u.highWatermark()).isEqualTo(20);
        assertThat(s.hasMinIsr()).isTrue();
        assertThat(s.pendingProposal()).as("the pending proposal survives").isPresent();
        assertThat(s.follower(2).logEndOffset()).isEqualTo(20);
        assertThat(s.leaderEpochStartOffset()).isEqualTo(10);
        assertThatThrownBy(() -> s.onMinInsyncReplicasChanged(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void illegalStatesAreRefused() {
        assertThatThrownBy(() -> new LeaderState(1, 0, Set.of(1, 2), Set.of(2), 1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        LeaderState s = new LeaderState(1, 0, Set.of(1), Set.of(1), 1, 5, 0, 0);
        assertThatThrownBy(() -> s.onLocalAppend(4, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.onFollowerFetch(9, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

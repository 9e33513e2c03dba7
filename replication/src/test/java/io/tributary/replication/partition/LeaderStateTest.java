package io.tributary.replication.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LeaderStateTest {

    @Test
    void aLoneLeaderCommitsEverythingItAppends() {
        LeaderState s = new LeaderState(1, 0, Set.of(1), Set.of(1), 1, 0, 0, 0);
        assertThat(s.onLocalAppend(10).highWatermarkMoved()).isTrue();
        assertThat(s.highWatermark()).isEqualTo(10);
    }

    @Test
    void theHighWatermarkIsTheSmallestLogEndAcrossTheIsr() {
        LeaderState s = new LeaderState(1, 3, Set.of(1, 2, 3), Set.of(1, 2, 3), 1, 0, 0, 0);
        s.onLocalAppend(10);
        assertThat(s.highWatermark()).isZero();
        s.onFollowerFetch(2, 7, 5);
        assertThat(s.highWatermark()).isZero();
        s.onFollowerFetch(3, 4, 5);
        assertThat(s.highWatermark()).isEqualTo(4);
        s.onFollowerFetch(3, 10, 6);
        assertThat(s.highWatermark()).isEqualTo(7);
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
        assertThat(s.onLocalAppend(5).highWatermarkMoved()).isFalse();
        assertThat(s.hasMinIsr()).isFalse();
        s.onFollowerFetch(2, 5, 1);
        assertThat(s.highWatermark()).isZero();
        assertThat(s.onIsrCommitted(Set.of(1, 2)).highWatermarkMoved()).isTrue();
        assertThat(s.highWatermark()).isEqualTo(5);
    }

    @Test
    void loweringMinInsyncReplicasReleasesTheHighWatermarkAndKeepsTheTerm() {
        LeaderState s = new LeaderState(1, 3, Set.of(1, 2, 3), Set.of(1, 2), 3, 10, 10, 0);
        s.onLocalAppend(20);
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
        assertThatThrownBy(() -> s.onLocalAppend(4)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.onFollowerFetch(9, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

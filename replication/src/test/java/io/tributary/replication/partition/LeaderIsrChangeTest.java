package io.tributary.replication.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ISR expand and shrink proposals of {@link LeaderState} (Kafka's AlterPartition, KIP-497). */
class LeaderIsrChangeTest {

    private static final long LAG_MAX_MS = 30_000L;

    @Test
    void aLaggingFollowerIsProposedForRemovalAfterTheLagTime() {
        LeaderState s = new LeaderState(1, 4, Set.of(1, 2, 3), Set.of(1, 2, 3), 1, 0, 0, 1_000);
        s.onLocalAppend(10, 0);
        s.onFollowerFetch(2, 10, 2_000);
        // Follower 3 never fetches; its lag window runs from when this leader started.
        assertThat(s.maybeShrinkIsr(1_000 + LAG_MAX_MS, LAG_MAX_MS, 0).proposal()).isEmpty();

        LeaderUpdate u = s.maybeShrinkIsr(1_000 + LAG_MAX_MS + 1, LAG_MAX_MS, 0);

        assertThat(u.proposal()).hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo(IsrProposal.Kind.SHRINK);
            assertThat(p.leaderEpoch()).isEqualTo(4);
            assertThat(p.proposedIsr()).containsExactlyInAnyOrder(1, 2);
            assertThat(p.changedReplicas()).containsExactly(3);
        });
        assertThat(s.pendingProposal()).isEqualTo(u.proposal());
        assertThat(s.isr()).as("the ISR changes only when the controller commits it").containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void aFollowerAtTheLeaderLogEndIsNeverOutOfSync() {
        LeaderState s = new LeaderState(1, 0, Set.of(1, 2), Set.of(1, 2), 1, 5, 5, 0);
        s.onFollowerFetch(2, 5, 0);
        assertThat(s.maybeShrinkIsr(10 * LAG_MAX_MS, LAG_MAX_MS, 0).proposal()).isEmpty();
    }

    @Test
    void aFollowerThatKeepsPaceOneFetchBehindABusyLeaderStaysCaughtUp() {
        LeaderState s = new LeaderState(1, 0, Set.of(1, 2), Set.of(1, 2), 1, 0, 0, 0);
        long offset = 0;
        for (long t = 1_000; t <= 100_000; t += 1_000) {
            s.onLocalAppend(offset + 10, 0);
            // It fetches what the leader had at its previous fetch, never the current end.
            s.onFollowerFetch(2, offset, t);
            offset += 10;
        }
        assertThat(s.follower(2).lastCaughtUpTimeMs()).isEqualTo(99_000);
        assertThat(s.maybeShrinkIsr(100_000, LAG_MAX_MS, 0).proposal()).isEmpty();
    }

    @Test
    void aFollowerBelowTheHighWatermarkLeavesTheIsrAtOnce() {
        LeaderState s = new LeaderState(1, 0, Set.of(1, 2, 3), Set.of(1, 2, 3), 1, 0, 0, 0);
        s.onLocalAppend(10, 0);
        s.onFollowerFetch(2, 10, 1);
        s.onFollowerFetch(3, 10, 1);
        assertThat(s.highWatermark()).isEqualTo(10);
        // Replica 3 restarted and lost its unflushed tail: it holds less than what was committed.
        s.onFollowerFetch(3, 4, 2);
        assertThat(s.highWatermark()).isEqualTo(10);

        LeaderUpdate u = s.maybeShrinkIsr(3, LAG_MAX_MS, 0);

        assertThat(u.proposal()).hasValueSatisfying(p -> assertThat(p.changedReplicas()).containsExactly(3));
    }

    @Test
    void shrinkNeverRemovesTheLeader() {
        LeaderState s = new LeaderState(1, 0, Set.of(1, 2), Set.of(1, 2), 1, 10, 0, 0);
        LeaderUpdate u = s.maybeShrinkIsr(LAG_MAX_MS * 5, LAG_MAX_MS, 0);
        assertThat(u.proposal()).hasValueSatisfying(p -> {
            assertThat(p.proposedIsr()).containsExactly(1);
            assertThat(p.changedReplicas()).containsExactly(2);
        });
    }

    @Test
    void aFollowerThatReachesTheHighWatermarkInThisEpochIsProposedForTheIsr() {
        LeaderState s = new LeaderState(1, 7, Set.of(1, 2), Set.of(1), 1, 20, 20, 0);
        assertThat(s.leaderEpochStartOffset()).isEqualTo(20);
        s.onLocalAppend(30, 0);
        assertThat(s.highWatermark()).isEqualTo(30);
        assertThat(s.onFollowerFetch(2, 29, 1).proposal()).as("below the high watermark").isEmpty();

        LeaderUpdate u = s.onFollowerFetch(2, 30, 2);

        assertThat(u.proposal()).hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo(IsrProposal.Kind.EXPAND);
            assertThat(p.leaderEpoch()).isEqualTo(7);
            assertThat(p.proposedIsr()).containsExactlyInAnyOrder(1, 2);
            assertThat(p.changedReplicas()).containsExactly(2);
            assertThat(p.proposedAtMs()).isEqualTo(2);
        });
        assertThat(s.maximalIsr()).containsExactlyInAnyOrder(1, 2);
        assertThat(s.isr()).containsExactly(1);
    }

    @Test
    void aFollowerBehindTheEpochStartIsNotProposedEvenAtTheHighWatermark() {
        // The new leader's high watermark lags its log end: a follower at the high watermark may
        // still hold a previous leader's divergent records between it and the epoch start.
        LeaderState s = new LeaderState(1, 2, Set.of(1, 2, 3), Set.of(1, 3), 1, 20, 12, 0);
        assertThat(s.onFollowerFetch(2, 15, 1).proposal()).isEmpty();
        assertThat(s.onFollowerFetch(2, 20, 2).proposal()).isPresent();
    }

    @Test
    void aPendingExpansionHoldsTheHighWatermarkAtTheJoiningReplica() {
        LeaderState s = new LeaderState(1, 0, Set.of(1, 2), Set.of(1), 1, 10, 10, 0);
        assertThat(s.onFollowerFetch(2, 10, 1).proposal()).isPresent();

        s.onLocalAppend(20, 0);
        assertThat(s.highWatermark()).as("the joining replica holds only 10").isEqualTo(10);
        assertThat(s.onFollowerFetch(2, 15, 2).highWatermark()).isEqualTo(15);

        s.onIsrProposalRejected();
        assertThat(s.maximalIsr()).containsExactly(1);
        LeaderUpdate u = s.onLocalAppend(20, 0);
        assertThat(u.highWatermark()).as("rejected: the leader alone is the ISR again").isEqualTo(20);
    }

    @Test
    void atMostOneProposalIsPending() {
        LeaderState s = new LeaderState(1, 0, Set.of(1, 2, 3), Set.of(1), 1, 0, 0, 0);
        assertThat(s.onFollowerFetch(2, 0, 1).proposal()).isPresent();
        assertThat(s.onFollowerFetch(3, 0, 1).proposal()).as("replica 2's expansion is pending").isEmpty();
        assertThat(s.maybeShrinkIsr(10 * LAG_MAX_MS, LAG_MAX_MS, 0).proposal()).isEmpty();

        s.onIsrCommitted(Set.of(1, 2));

        assertThat(s.pendingProposal()).isEmpty();
        LeaderUpdate next = s.onFollowerFetch(3, 0, 2);
        assertThat(next.proposal()).hasValueSatisfying(p -> assertThat(p.proposedIsr()).containsExactlyInAnyOrder(1, 2, 3));
    }

    @Test
    void anyCommittedIsrEndsThePendingProposal() {
        LeaderState s = new LeaderState(1, 0, Set.of(1, 2, 3), Set.of(1, 2, 3), 1, 10, 0, 0);
        s.onFollowerFetch(2, 10, 1);
        assertThat(s.maybeShrinkIsr(LAG_MAX_MS + 1, LAG_MAX_MS, 0).proposal()).isPresent();

        // The controller fenced broker 2 meanwhile and committed its own ISR instead.
        LeaderUpdate u = s.onIsrCommitted(Set.of(1, 3));

        assertThat(s.pendingProposal()).isEmpty();
        assertThat(s.isr()).containsExactlyInAnyOrder(1, 3);
        assertThat(u.highWatermarkMoved()).isFalse();
    }

    @Test
    void aCommittedShrinkLetsTheHighWatermarkAdvance() {
        LeaderState s = new LeaderState(1, 0, Set.of(1, 2, 3), Set.of(1, 2, 3), 1, 0, 0, 0);
        s.onLocalAppend(10, 0);
        s.onFollowerFetch(2, 10, 1);
        assertThat(s.highWatermark()).isZero();
        s.maybeShrinkIsr(LAG_MAX_MS + 1, LAG_MAX_MS, 0);
        assertThat(s.highWatermark()).as("a pending shrink still waits for the leaving replica").isZero();

        LeaderUpdate u = s.onIsrCommitted(Set.of(1, 2));

        assertThat(u.highWatermarkMoved()).isTrue();
        assertThat(u.highWatermark()).isEqualTo(10);
    }

    @Test
    void illegalTransitionsAreRefused() {
        LeaderState s = new LeaderState(1, 0, Set.of(1, 2), Set.of(1, 2), 1, 10, 0, 0);
        assertThatThrownBy(s::onIsrProposalRejected).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("none is pending");
        assertThatThrownBy(() -> s.onIsrCommitted(Set.of(2))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("illegal for leader 1");
        assertThatThrownBy(() -> s.onIsrCommitted(Set.of(1, 9))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.onFollowerFetch(2, 11, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside [0, log end 10]");
        assertThatThrownBy(() -> s.maybeShrinkIsr(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.isr()).containsExactlyInAnyOrder(1, 2);
    }
}

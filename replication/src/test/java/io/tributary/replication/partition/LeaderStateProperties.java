package io.tributary.replication.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariant 2 of the design and the ISR-change rules, under random schedules: appends, follower
 * fetches at random offsets, time passing, periodic shrink checks, {@code min.insync.replicas}
 * changes, and the controller committing, rejecting or overriding proposals. Every step is checked.
 *
 * <p>A follower in the maximal ISR fetches anywhere in {@code [high watermark, log end]} (it may
 * truncate, but a replica that holds the committed prefix never truncates below it); a follower
 * outside it fetches anywhere in {@code [0, log end]}. {@link #aFollowerThatLostCommittedRecordsIsProposedForRemoval}
 * also lets ISR members fetch below the high watermark (a crash that lost an unflushed tail).
 */
class LeaderStateProperties {

    private static final long LAG_MAX_MS = 30_000L;
    private static final long STALL_MAX_MS = 500L;

    @Property(tries = 200)
    void theHighWatermarkAndTheIsrKeepTheirInvariants(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int replicaCount) {
        run(new Random(seed), replicaCount, false);
    }

    @Property(tries = 200)
    void aFollowerThatLostCommittedRecordsIsProposedForRemoval(@ForAll long seed,
                                                              @ForAll @IntRange(min = 2, max = 4) int replicaCount) {
        run(new Random(seed), replicaCount, true);
    }

    private static void run(Random random, int replicaCount, boolean dataLoss) {
        List<Integer> replicaList = new ArrayList<>();
        for (int i = 0; i < replicaCount; i++) {
            replicaList.add(10 + i);
        }
        Set<Integer> replicas = Set.copyOf(replicaList);
        int leader = replicaList.get(random.nextInt(replicaCount));
        Set<Integer> isr = new TreeSet<>();
        isr.add(leader);
        for (int r : replicaList) {
            if (random.nextBoolean()) {
                isr.add(r);
            }
        }
        int minIsr = 1 + random.nextInt(replicaCount);
        long logEnd = random.nextInt(50);
        long hw = logEnd == 0 ? 0 : random.nextInt((int) logEnd + 1);
        long nowMs = random.nextInt(1_000_000);
        LeaderState s = new LeaderState(leader, 3, replicas, isr, minIsr, logEnd, hw, nowMs);
        checkInvariants(s, leader, replicas, hw, dataLoss);

        for (int step = 0; step < 150; step++) {
            long hwBefore = s.highWatermark();
            Optional<IsrProposal> pendingBefore = s.pendingProposal();
            LeaderUpdate u;
            int action = random.nextInt(100);
            if (action < 25) {
                u = s.onLocalAppend(s.localLogEndOffset() + random.nextInt(6), nowMs);
            } else if (action < 65 && replicaCount > 1) {
                int follower = pickFollower(random, replicaList, leader);
                long offset = fetchOffset(random, s, follower, dataLoss);
                u = s.onFollowerFetch(follower, offset, nowMs);
                u.proposal().ifPresent(p -> {
                    assertThat(p.kind()).isEqualTo(IsrProposal.Kind.EXPAND);
                    assertThat(p.changedReplicas()).containsExactly(follower);
                    assertThat(offset).as("a joining replica holds the high watermark").isGreaterThanOrEqualTo(hwBefore);
                });
            } else if (action < 75) {
                nowMs += random.nextInt(20_000);
                u = s.onLocalAppend(s.localLogEndOffset(), nowMs);
            } else if (action < 85) {
                u = s.maybeShrinkIsr(nowMs, LAG_MAX_MS, STALL_MAX_MS);
                if (dataLoss && pendingBefore.isEmpty()) {
                    Set<Integer> lost = lostCommittedRecords(s, leader);
                    if (!lost.isEmpty()) {
                        assertThat(u.proposal()).as("ISR members below the high watermark must go")
                                .hasValueSatisfying(p -> assertThat(p.changedReplicas()).containsAll(lost));
                    }
                }
            } else if (action < 88) {
                u = s.onMinInsyncReplicasChanged(1 + random.nextInt(replicaCount));
            } else {
                u = controllerStep(random, s, leader);
            }

            assertThat(u.highWatermark()).isEqualTo(s.highWatermark());
            assertThat(u.highWatermarkMoved()).isEqualTo(s.highWatermark() != hwBefore);
            assertThat(s.highWatermark()).as("the high watermark never goes backwards").isGreaterThanOrEqualTo(hwBefore);
            if (u.proposal().isPresent()) {
                assertThat(pendingBefore).as("a proposal is made only when none is pending").isEmpty();
                assertThat(s.pendingProposal()).isEqualTo(u.proposal());
            }
            if (dataLoss && !lostCommittedRecords(s, leader, s.maximalIsr()).isEmpty()) {
                assertThat(s.highWatermark()).as("no progress while a copy short of the high watermark counts").isEqualTo(hwBefore);
            }
            checkInvariants(s, leader, replicas, hwBefore, dataLoss);
        }
    }

    private static int pickFollower(Random random, List<Integer> replicas, int leader) {
        while (true) {
            int r = replicas.get(random.nextInt(replicas.size()));
            if (r != leader) {
                return r;
            }
        }
    }

    private static long fetchOffset(Random random, LeaderState s, int follower, boolean dataLoss) {
        long logEnd = s.localLogEndOffset();
        boolean inMaximalIsr = s.maximalIsr().contains(follower);
        long low = inMaximalIsr && !(dataLoss && random.nextInt(10) == 0) ? s.highWatermark() : 0;
        // Followers are mostly near the end, as real ones are.
        if (random.nextInt(3) > 0) {
            return Math.max(low, logEnd - random.nextInt(3));
        }
        return low + (long) (random.nextDouble() * (logEnd - low + 1));
    }

    /** The controller commits the pending proposal, rejects it, or commits a shrink of its own. */
    private static LeaderUpdate controllerStep(Random random, LeaderState s, int leader) {
        int choice = random.nextInt(10);
        Optional<IsrProposal> pending = s.pendingProposal();
        if (pending.isPresent() && choice < 6) {
            return s.onIsrCommitted(pending.get().proposedIsr());
        }
        if (pending.isPresent() && choice < 8) {
            return s.onIsrProposalRejected();
        }
        // As on fencing a broker: the controller drops one follower from the ISR by itself.
        Set<Integer> isr = new TreeSet<>(s.isr());
        List<Integer> followers = isr.stream().filter(r -> r != leader).toList();
        if (!followers.isEmpty() && random.nextBoolean()) {
            isr.remove(followers.get(random.nextInt(followers.size())));
        }
        return s.onIsrCommitted(isr);
    }

    private static Set<Integer> lostCommittedRecords(LeaderState s, int leader) {
        return lostCommittedRecords(s, leader, s.isr());
    }

    private static Set<Integer> lostCommittedRecords(LeaderState s, int leader, Set<Integer> members) {
        Set<Integer> lost = new TreeSet<>();
        for (int r : members) {
            long end = r == leader ? s.localLogEndOffset() : s.follower(r).logEndOffset();
            if (end != LeaderState.UNKNOWN_OFFSET && end < s.highWatermark()) {
                lost.add(r);
            }
        }
        return lost;
    }

    private static void checkInvariants(LeaderState s, int leader, Set<Integer> replicas, long hwBefore, boolean dataLoss) {
        assertThat(s.highWatermark()).isGreaterThanOrEqualTo(hwBefore);
        assertThat(s.highWatermark()).as("never past the leader's log end").isLessThanOrEqualTo(s.localLogEndOffset());
        assertThat(replicas).as("the ISR is a subset of the replicas").containsAll(s.isr());
        assertThat(replicas).containsAll(s.maximalIsr());
        assertThat(s.isr()).contains(leader);
        assertThat(s.maximalIsr()).containsAll(s.isr());
        if (!dataLoss) {
            for (int r : s.maximalIsr()) {
                if (r != leader && s.follower(r).logEndOffset() != LeaderState.UNKNOWN_OFFSET) {
                    assertThat(s.highWatermark()).as("never past the log end of ISR member %d", r)
                            .isLessThanOrEqualTo(s.follower(r).logEndOffset());
                }
            }
        }
        s.pendingProposal().ifPresent(p -> {
            assertThat(p.leaderEpoch()).isEqualTo(s.leaderEpoch());
            assertThat(p.proposedIsr()).contains(leader);
            assertThat(replicas).containsAll(p.proposedIsr());
            if (p.kind() == IsrProposal.Kind.SHRINK) {
                assertThat(p.changedReplicas()).as("shrink never removes the leader").doesNotContain(leader);
                assertThat(s.isr()).containsAll(p.changedReplicas());
            } else {
                assertThat(s.isr()).doesNotContainAnyElementsOf(p.changedReplicas());
            }
        });
    }
}

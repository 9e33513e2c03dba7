package io.tributary.broker.partition;

import io.tributary.log.PartitionLog;
import io.tributary.replication.partition.EpochEndOffset;
import java.util.Optional;

/** The leader's answer to a follower's last fetched epoch (KIP-320), from the leader's log alone. */
final class DivergingEpoch {

    private DivergingEpoch() {
    }

    /**
     * Where a follower's log diverges from this leader's, from the follower's last fetched epoch
     * (KIP-320's check, with the leader-epoch cache): present when the leader ends that epoch before
     * the fetch offset, or never had it. Such a fetch is answered with the diverging epoch and no
     * records, and is not counted as the follower's position. It reads only the log, so it needs no lock.
     *
     * @return empty when the logs agree up to {@code fetchOffset}, or when no epoch was given
     */
    static Optional<EpochEndOffset> of(PartitionLog log, int lastFetchedEpoch, long fetchOffset) {
        if (lastFetchedEpoch < 0) {
            return Optional.empty();
        }
        io.tributary.log.EpochEndOffset local = log.leaderEpochs().endOffsetFor(lastFetchedEpoch);
        if (local.leaderEpoch() < 0) {
            // The follower names an epoch newer than any this leader knows: it cannot have been
            // elected from it. Send it back to the start of this leader's own newest epoch.
            int latest = log.leaderEpochs().latestEpoch();
            return Optional.of(new EpochEndOffset(Math.max(0, latest), log.logEndOffset()));
        }
        if (local.leaderEpoch() < lastFetchedEpoch || local.endOffset() < fetchOffset) {
            return Optional.of(new EpochEndOffset(local.leaderEpoch(), local.endOffset()));
        }
        return Optional.empty();
    }
}

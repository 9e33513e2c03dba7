package io.tributary.broker.partition;

import io.tributary.log.EpochEndOffset;
import io.tributary.log.EpochEntry;
import java.util.List;

/**
 * The leader's view of its epoch history, for OffsetForLeaderEpoch and ListOffsets (KIP-320).
 *
 * <p>Why not just the log's {@code LeaderEpochCache}: a leader's current epoch must count as known
 * from the moment it leads, or a consumer whose position carries that epoch (ListOffsets LATEST
 * reports it) is told "undefined" and resets its position. {@link Partition#makeLeader} records the
 * epoch in the cache at election, as Kafka does; should the cache still lack it (the log appends a
 * new epoch's entry itself only with the first batch of it), the current epoch is treated as
 * starting at the log end, which is where that first batch will put it. Pure: the caller passes a
 * consistent snapshot.
 */
final class LeaderEpochs {

    private LeaderEpochs() {
    }

    /**
     * Where {@code currentEpoch} starts: its cache entry, or {@code logEndOffset} when nothing has
     * been written in it yet. {@code entries} must be read after {@code logEndOffset}, so that an
     * append racing with the call shows up in the entries rather than only in a later log end.
     */
    static long startOffset(List<EpochEntry> entries, int currentEpoch, long logEndOffset) {
        if (!entries.isEmpty()) {
            EpochEntry latest = entries.get(entries.size() - 1);
            if (latest.epoch() == currentEpoch) {
                return latest.startOffset();
            }
        }
        return logEndOffset;
    }

    /**
     * Kafka's answer to OffsetForLeaderEpoch for {@code requestedEpoch}: for the newest epoch, the log
     * end; for an older one, the largest known epoch at most the requested one and the start of the
     * next known epoch (the requested epoch itself when it predates every entry); undefined for -1 and
     * for an epoch newer than any known.
     *
     * @param currentEpoch the epoch this node leads, or -1 when not leading (the cache alone answers)
     */
    static EpochEndOffset endOffsetFor(List<EpochEntry> entries, int currentEpoch, long logEndOffset, int requestedEpoch) {
        if (requestedEpoch == EpochEndOffset.UNDEFINED_EPOCH) {
            return EpochEndOffset.UNDEFINED;
        }
        int latestEpoch = entries.isEmpty() ? EpochEndOffset.UNDEFINED_EPOCH : entries.get(entries.size() - 1).epoch();
        boolean currentMissing = currentEpoch > latestEpoch;
        int newest = currentMissing ? currentEpoch : latestEpoch;
        if (newest == EpochEndOffset.UNDEFINED_EPOCH || requestedEpoch > newest) {
            return EpochEndOffset.UNDEFINED;
        }
        if (requestedEpoch == newest) {
            return new EpochEndOffset(requestedEpoch, logEndOffset);
        }
        EpochEntry floor = null;
        long nextStart = currentMissing ? logEndOffset : -1L;
        for (EpochEntry e : entries) {
            if (e.epoch() <= requestedEpoch) {
                floor = e;
            } else {
                nextStart = e.startOffset();
                break;
            }
        }
        return new EpochEndOffset(floor == null ? requestedEpoch : floor.epoch(), nextStart);
    }
}

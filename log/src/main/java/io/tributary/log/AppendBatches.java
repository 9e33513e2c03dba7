package io.tributary.log;

import io.tributary.common.records.BatchHeader;
import io.tributary.common.records.CheckedBatch;
import io.tributary.common.records.CheckedBatches;
import java.nio.ByteBuffer;

/**
 * What the log does to batches {@code BatchScan} has checked, in memory, before any byte reaches a
 * file: stamp them as a leader, or check that a follower's continue the log. It reads nothing the
 * scan already read; it only writes the fields a leader owns. Layout of each batch: {@link BatchHeader}.
 */
final class AppendBatches {

    private static final short LOG_APPEND_TIME_BIT = 0x08;

    private AppendBatches() {
    }

    /**
     * Assigns offsets from {@code firstOffset} and stamps {@code leaderEpoch} on every batch, in place
     * (the CRC does not cover either field). With {@code logAppendTimeMs >= 0} the batches also become
     * LogAppendTime batches with that max timestamp, which the CRC does cover, so it is recomputed.
     */
    static void stampAsLeader(CheckedBatches batches, long firstOffset, int leaderEpoch, long logAppendTimeMs) {
        ByteBuffer buf = batches.bytes();
        for (CheckedBatch b : batches.batches()) {
            int at = b.position();
            BatchHeader.setBaseOffset(buf, at, firstOffset + b.offsetDelta());
            BatchHeader.setPartitionLeaderEpoch(buf, at, leaderEpoch);
            if (logAppendTimeMs >= 0) {
                buf.putShort(at + BatchHeader.ATTRIBUTES, (short) (b.attributes() | LOG_APPEND_TIME_BIT));
                buf.putLong(at + BatchHeader.MAX_TIMESTAMP, logAppendTimeMs);
                buf.putInt(at + BatchHeader.CRC, (int) BatchHeader.computeCrc(buf, at));
            }
        }
    }

    /** The base offset of the first batch holding the largest timestamp, for a follower's batches (-1: none). */
    static long baseOffsetOfMaxTimestamp(CheckedBatches batches) {
        long best = -1L;
        long bestTs = Long.MIN_VALUE;
        for (CheckedBatch b : batches.batches()) {
            if (b.maxTimestamp() >= 0 && b.maxTimestamp() > bestTs) {
                bestTs = b.maxTimestamp();
                best = b.baseOffset();
            }
        }
        return best;
    }

    /**
     * Asserts that follower batches continue a log ending at {@code logEndOffset}, with
     * leader epochs that never go below {@code latestEpoch} nor down from batch to batch.
     */
    static void checkContinues(CheckedBatches batches, long logEndOffset, int latestEpoch, String partition) {
        long expected = logEndOffset;
        int epoch = latestEpoch;
        for (CheckedBatch b : batches.batches()) {
            // A batch may start past the expected offset: the leader's cleaner removed whole batches there.
            if (b.baseOffset() < expected) {
                throw new UnexpectedAppendOffsetException(partition, expected, b.baseOffset());
            }
            if (b.partitionLeaderEpoch() < epoch) {
                throw new IllegalArgumentException("append to " + partition + " refused: batch at offset " + b.baseOffset()
                        + " carries leader epoch " + b.partitionLeaderEpoch() + ", older than " + epoch + "; truncate first");
            }
            epoch = b.partitionLeaderEpoch();
            expected = b.lastOffset() + 1;
        }
    }

    /** Records in {@code epochs} each leader epoch that first appears in these follower batches. */
    static void learnEpochs(CheckedBatches batches, LeaderEpochCache epochs) {
        for (CheckedBatch b : batches.batches()) {
            if (b.partitionLeaderEpoch() > epochs.latestEpoch()) {
                epochs.assign(b.partitionLeaderEpoch(), b.baseOffset());
            }
        }
    }
}

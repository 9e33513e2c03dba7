package io.tributary.log;

import io.tributary.common.records.BatchHeader;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Checks and stamps the batches of one append in memory, before any byte reaches a file. Layout
 * of each batch: {@link BatchHeader}.
 */
final class AppendBatches {

    private static final short LOG_APPEND_TIME_BIT = 0x08;

    /** Counts for one append. */
    record Summary(int batches, int records, int bytes, long firstBaseOffset, long lastOffset, long maxTimestamp,
                   long offsetOfMaxTimestamp) {
    }

    private AppendBatches() {
    }

    /**
     * Asserts that {@code buf} holds whole, sound magic-2 batches (position to limit). The leader
     * path also bounds each batch by {@code max.message.bytes}; the follower path checks CRCs,
     * since its bytes came over the network from another broker and nobody checked them yet.
     */
    static Summary inspect(ByteBuffer buf, int batchBytesMax, boolean checkCrc, String partition) {
        int at = buf.position();
        int end = buf.limit();
        if (at == end) {
            throw new IllegalArgumentException("append to " + partition + " refused: no batches");
        }
        int batches = 0;
        long records = 0;
        long maxTs = -1;
        long offsetOfMax = -1;
        long first = -1;
        long last = -1;
        while (at < end) {
            if (end - at < BatchHeader.SIZE) {
                throw new IllegalArgumentException("append to " + partition + " refused: truncated batch header at byte " + at);
            }
            int length = BatchHeader.batchLength(buf, at);
            long size = (long) BatchHeader.LOG_OVERHEAD + length;
            if (length < BatchHeader.SIZE - BatchHeader.LOG_OVERHEAD || size > end - at) {
                throw new IllegalArgumentException("append to " + partition + " refused: batch length " + length + " at byte " + at);
            }
            if (size > batchBytesMax) {
                throw new IllegalArgumentException("append to " + partition + " refused: batch of " + size
                        + " bytes exceeds max.message.bytes " + batchBytesMax);
            }
            if (BatchHeader.magic(buf, at) != BatchHeader.CURRENT_MAGIC) {
                throw new IllegalArgumentException("append to " + partition + " refused: magic " + BatchHeader.magic(buf, at));
            }
            int count = BatchHeader.recordCount(buf, at);
            if (count <= 0 || BatchHeader.lastOffsetDelta(buf, at) != count - 1) {
                throw new IllegalArgumentException("append to " + partition + " refused: record count " + count
                        + " disagrees with last offset delta " + BatchHeader.lastOffsetDelta(buf, at));
            }
            if (checkCrc && !BatchHeader.isCrcValid(buf, at)) {
                throw new IllegalArgumentException("append to " + partition + " refused: CRC mismatch in batch at offset "
                        + BatchHeader.baseOffset(buf, at));
            }
            long batchMax = BatchHeader.maxTimestamp(buf, at);
            if (batchMax > maxTs) {
                maxTs = batchMax;
                offsetOfMax = BatchHeader.baseOffset(buf, at);
            }
            if (first < 0) {
                first = BatchHeader.baseOffset(buf, at);
            }
            last = BatchHeader.lastOffset(buf, at);
            records += count;
            batches++;
            at += (int) size;
        }
        if (records > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("append to " + partition + " refused: " + records + " records in one append");
        }
        return new Summary(batches, (int) records, buf.remaining(), first, last, maxTs, offsetOfMax);
    }

    /**
     * Assigns offsets from {@code firstOffset} and stamps {@code leaderEpoch} on every batch, in
     * place (the CRC does not cover either field). With {@code logAppendTimeMs >= 0} the batches
     * also become LogAppendTime batches with that max timestamp, which the CRC does cover, so it is
     * recomputed. Returns the summary with the assigned offsets.
     */
    static Summary stampAsLeader(ByteBuffer buf, long firstOffset, int leaderEpoch, long logAppendTimeMs) {
        long next = firstOffset;
        long maxTs = -1;
        long offsetOfMax = firstOffset;
        int batches = 0;
        long records = 0;
        for (int at = buf.position(); at < buf.limit(); at += BatchHeader.sizeInBytes(buf, at)) {
            BatchHeader.setBaseOffset(buf, at, next);
            BatchHeader.setPartitionLeaderEpoch(buf, at, leaderEpoch);
            if (logAppendTimeMs >= 0) {
                buf.putShort(at + BatchHeader.ATTRIBUTES, (short) (BatchHeader.attributes(buf, at) | LOG_APPEND_TIME_BIT));
                buf.putLong(at + BatchHeader.MAX_TIMESTAMP, logAppendTimeMs);
                CRC32C crc = new CRC32C();
                ByteBuffer covered = buf.duplicate();
                covered.limit(at + BatchHeader.sizeInBytes(buf, at)).position(at + BatchHeader.ATTRIBUTES);
                crc.update(covered);
                buf.putInt(at + BatchHeader.CRC, (int) crc.getValue());
            }
            long batchMax = BatchHeader.maxTimestamp(buf, at);
            if (batchMax > maxTs) {
                maxTs = batchMax;
                offsetOfMax = next;
            }
            records += BatchHeader.recordCount(buf, at);
            batches++;
            next = BatchHeader.lastOffset(buf, at) + 1;
        }
        return new Summary(batches, (int) records, buf.remaining(), firstOffset, next - 1, maxTs, offsetOfMax);
    }

    /**
     * Asserts that follower batches continue a log ending at {@code logEndOffset} exactly, with
     * leader epochs that never go below {@code latestEpoch} nor down from batch to batch.
     */
    static void checkContinues(ByteBuffer buf, long logEndOffset, int latestEpoch, String partition) {
        long expected = logEndOffset;
        int epoch = latestEpoch;
        for (int at = buf.position(); at < buf.limit(); at += BatchHeader.sizeInBytes(buf, at)) {
            long base = BatchHeader.baseOffset(buf, at);
            if (base != expected) {
                throw new UnexpectedAppendOffsetException(partition, expected, base);
            }
            int batchEpoch = BatchHeader.partitionLeaderEpoch(buf, at);
            if (batchEpoch < epoch) {
                throw new IllegalArgumentException("append to " + partition + " refused: batch at offset " + base
                        + " carries leader epoch " + batchEpoch + ", older than " + epoch + "; truncate first");
            }
            epoch = batchEpoch;
            expected = BatchHeader.lastOffset(buf, at) + 1;
        }
    }

    /** Records in {@code epochs} each leader epoch that first appears in these follower batches. */
    static void learnEpochs(ByteBuffer buf, LeaderEpochCache epochs) {
        for (int at = buf.position(); at < buf.limit(); at += BatchHeader.sizeInBytes(buf, at)) {
            int batchEpoch = BatchHeader.partitionLeaderEpoch(buf, at);
            if (batchEpoch > epochs.latestEpoch()) {
                epochs.assign(batchEpoch, BatchHeader.baseOffset(buf, at));
            }
        }
    }
}

package io.tributary.common.records;

import java.nio.ByteBuffer;

/**
 * What {@link BatchScan} learned of one batch, so that nobody reads its header again: the fields
 * the leader's idempotence check, the producer-state commit and the log's offset assignment and
 * indexes need. Layout of the bytes it describes: {@link BatchHeader}.
 *
 * @param position             where the batch starts in {@link CheckedBatches#bytes()}
 * @param sizeInBytes          the whole batch, header included
 * @param offsetDelta          its base offset minus the first batch's, once offsets are contiguous: the
 *                             records of the batches before it
 * @param lastOffsetDelta      its last offset minus its base offset; the record count is this plus one
 * @param baseOffset           the base offset as found (a producer's is meaningless; a leader's is kept by followers)
 * @param partitionLeaderEpoch the partition leader epoch as found
 * @param attributes           compression, timestamp type, transactional and control bits
 * @param maxTimestamp         the batch's max timestamp as found (-1: none)
 * @param producerId           -1 when not idempotent
 * @param producerEpoch        -1 when not idempotent
 * @param baseSequence         -1 when not idempotent
 */
public record CheckedBatch(int position, int sizeInBytes, int offsetDelta, int lastOffsetDelta, long baseOffset,
                           int partitionLeaderEpoch, short attributes, long maxTimestamp, long producerId,
                           short producerEpoch, int baseSequence) {

    /**
     * Reads what the header at {@code at} of {@code b} says, for a batch that {@link BatchScan} has
     * already found sound.
     *
     * @param position    where the batch starts in the checked bytes (may differ from {@code at} when
     *                    {@code b} holds a copy of the header only)
     * @param offsetDelta records in the batches before it in the same run
     */
    public static CheckedBatch read(ByteBuffer b, int at, int position, int offsetDelta) {
        return new CheckedBatch(position, BatchHeader.sizeInBytes(b, at), offsetDelta, BatchHeader.lastOffsetDelta(b, at),
                BatchHeader.baseOffset(b, at), BatchHeader.partitionLeaderEpoch(b, at), BatchHeader.attributes(b, at),
                BatchHeader.maxTimestamp(b, at), BatchHeader.producerId(b, at), BatchHeader.producerEpoch(b, at),
                BatchHeader.baseSequence(b, at));
    }

    public int recordCount() {
        return lastOffsetDelta + 1;
    }

    /** The last offset as found: {@code baseOffset + lastOffsetDelta}. */
    public long lastOffset() {
        return baseOffset + lastOffsetDelta;
    }

    /** The last sequence; sequences wrap at {@code Integer.MAX_VALUE} as Kafka's do. -1 when not idempotent. */
    public int lastSequence() {
        return BatchHeader.lastSequence(baseSequence, lastOffsetDelta);
    }

    /** Compression codec id: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
    public int compression() {
        return attributes & BatchHeader.COMPRESSION_MASK;
    }

    public boolean isLogAppendTime() {
        return (attributes & BatchHeader.TIMESTAMP_TYPE_MASK) != 0;
    }

    public boolean isTransactional() {
        return (attributes & BatchHeader.TRANSACTIONAL_MASK) != 0;
    }

    public boolean isControl() {
        return (attributes & BatchHeader.CONTROL_MASK) != 0;
    }
}

package io.tributary.common.records;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Batches {@link BatchScan} found sound, with what it learned of each ({@link CheckedBatch}) and of
 * the run, carried down from the produce handler to the log so that no one walks the headers
 * again. The bytes are the caller's (a view, not a copy): they must not change between the check
 * and the append, except by the log stamping base offsets and leader epochs, which no check covers.
 *
 * <p>Byte layout of {@link #bytes()}: whole magic-2 batches back to back ({@link BatchHeader}), the
 * first at index 0.
 */
public final class CheckedBatches implements BatchScan.Result {

    private final ByteBuffer bytes;
    private final List<CheckedBatch> batches;
    private final int recordCount;
    private final int largestBatchBytes;
    private final long maxTimestamp;
    private final int offsetDeltaOfMaxTimestamp;
    private final boolean crcVerified;
    private final BatchRefusal leaderRefusal;

    CheckedBatches(ByteBuffer bytes, List<CheckedBatch> batches, int recordCount, int largestBatchBytes, long maxTimestamp,
                   int offsetDeltaOfMaxTimestamp, boolean crcVerified, BatchRefusal leaderRefusal) {
        this.bytes = bytes;
        this.batches = batches;
        this.recordCount = recordCount;
        this.largestBatchBytes = largestBatchBytes;
        this.maxTimestamp = maxTimestamp;
        this.offsetDeltaOfMaxTimestamp = offsetDeltaOfMaxTimestamp;
        this.crcVerified = crcVerified;
        this.leaderRefusal = leaderRefusal;
    }

    /** The batches, position 0 to limit; a fresh view each call, sharing the bytes (writes land in them). */
    public ByteBuffer bytes() {
        return bytes.duplicate();
    }

    public int sizeInBytes() {
        return bytes.limit();
    }

    public List<CheckedBatch> batches() {
        return batches;
    }

    public int batchCount() {
        return batches.size();
    }

    /** Records in all batches, which is also the offsets they take: each batch's count is its last offset delta plus one. */
    public int recordCount() {
        return recordCount;
    }

    /** The largest batch, which {@code max.message.bytes} bounds. */
    public int largestBatchBytes() {
        return largestBatchBytes;
    }

    /** The largest batch max timestamp as found, or -1 if none is at least 0. */
    public long maxTimestamp() {
        return maxTimestamp;
    }

    /** The offset delta of the first batch that carries {@link #maxTimestamp}, or -1 if none does. */
    public int offsetDeltaOfMaxTimestamp() {
        return offsetDeltaOfMaxTimestamp;
    }

    /** Whether every batch's CRC was computed and matched (a follower requires it). */
    public boolean crcVerified() {
        return crcVerified;
    }

    /**
     * The first batch a leader refuses although it is well formed (transactional, control, an unknown
     * compression codec), or empty. A follower keeps such batches: its leader accepted them.
     */
    public Optional<BatchRefusal> leaderRefusal() {
        return Optional.ofNullable(leaderRefusal);
    }

    public boolean isReadOnly() {
        return bytes.isReadOnly();
    }

    /** The same batches over a writable heap copy of the bytes, for a log that must stamp a read-only buffer. */
    public CheckedBatches copiedToHeap() {
        ByteBuffer copy = ByteBuffer.allocate(bytes.limit());
        copy.put(bytes.duplicate()).flip();
        return new CheckedBatches(copy, batches, recordCount, largestBatchBytes, maxTimestamp, offsetDeltaOfMaxTimestamp,
                crcVerified, leaderRefusal);
    }

    @Override
    public String toString() {
        return "CheckedBatches(" + batches.size() + " batches, " + recordCount + " records, " + bytes.limit() + " bytes)";
    }
}

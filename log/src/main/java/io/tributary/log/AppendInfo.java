package io.tributary.log;

/**
 * What an append wrote.
 *
 * @param firstOffset          the base offset of the first batch
 * @param lastOffset           the last offset of the last batch; the log end is now {@code lastOffset + 1}
 * @param maxTimestamp         the largest batch max timestamp appended (the append time under LogAppendTime), or -1
 * @param offsetOfMaxTimestamp the base offset of the batch that carried {@code maxTimestamp}
 * @param logAppendTimeMs      the broker time stamped on the batches under LogAppendTime, else -1
 * @param logStartOffset       the log start offset after the append (the produce response carries it)
 * @param batchCount           batches written
 * @param recordCount          records written
 * @param sizeInBytes          bytes written
 */
public record AppendInfo(
        long firstOffset,
        long lastOffset,
        long maxTimestamp,
        long offsetOfMaxTimestamp,
        long logAppendTimeMs,
        long logStartOffset,
        int batchCount,
        int recordCount,
        int sizeInBytes) {
}

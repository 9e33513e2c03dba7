package io.tributary.log;

import io.tributary.common.records.BatchBuilder;
import io.tributary.common.records.BatchHeader;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Searches inside one segment that go beyond offset lookups: by timestamp (with the time index,
 * then record by record inside the batch found), and the consistency check of both indexes
 * against the batches they point at. Batch layout: {@link BatchHeader}; record layout:
 * {@link BatchBuilder}.
 */
final class SegmentSearch {

    private SegmentSearch() {
    }

    /**
     * The first record at or after {@code startingOffset} with timestamp at least {@code timestamp},
     * among batches before {@code bound}, or null if none. Exact for uncompressed CreateTime
     * batches; for a compressed or LogAppendTime batch it answers the batch's first offset and max
     * timestamp, since the log does not decompress.
     */
    static TimestampAndOffset findOffsetByTimestamp(LogSegment seg, long timestamp, long startingOffset, int bound) throws IOException {
        ByteBuffer header = FileBatches.newHeaderBuffer();
        TimestampAndOffset hint = seg.timeIndex().lookup(timestamp);
        int pos = seg.offsetIndex().lookup(Math.max(hint.offset(), startingOffset)).position();
        while (pos < bound) {
            LogSegment.BatchLocation b = seg.headerAt(pos, bound, header);
            if (b.lastOffset() >= startingOffset && BatchHeader.maxTimestamp(header, 0) >= timestamp) {
                return refine(seg, b, header, startingOffset, timestamp);
            }
            pos += b.size();
        }
        return null;
    }

    /** The record in the batch at {@code offsetOfBatch} carrying the segment's max timestamp. */
    static TimestampAndOffset locateMaxTimestamp(LogSegment seg, int bound) throws IOException {
        TimestampAndOffset max = seg.maxTimestampSoFar();
        if (max.timestamp() < 0) {
            return null;
        }
        ByteBuffer header = FileBatches.newHeaderBuffer();
        LogSegment.BatchLocation b = seg.locate(max.offset(), bound, header);
        if (b == null) {
            return null;
        }
        return refine(seg, b, header, b.baseOffset(), max.timestamp());
    }

    private static TimestampAndOffset refine(LogSegment seg, LogSegment.BatchLocation b, ByteBuffer header, long startingOffset, long timestamp) throws IOException {
        int epoch = BatchHeader.partitionLeaderEpoch(header, 0);
        long batchMax = BatchHeader.maxTimestamp(header, 0);
        long fallbackOffset = Math.max(b.baseOffset(), startingOffset);
        if (BatchHeader.compression(header, 0) != 0 || BatchHeader.isLogAppendTime(header, 0)) {
            return new TimestampAndOffset(batchMax, fallbackOffset, epoch);
        }
        ByteBuffer bytes = FileBatches.readFully(seg.channel(), b.position(), b.size());
        try {
            BatchBuilder.RecordReader records = new BatchBuilder.RecordReader(bytes, 0);
            while (records.next()) {
                BatchBuilder.Record r = records.current();
                if (r.offset() >= startingOffset && r.timestamp() >= timestamp) {
                    return new TimestampAndOffset(r.timestamp(), r.offset(), epoch);
                }
            }
        } catch (IllegalArgumentException malformedRecords) {
            // The broker never validates record bodies; answer at batch granularity instead.
        }
        return new TimestampAndOffset(batchMax, fallbackOffset, epoch);
    }

    /**
     * Diagnostic: checks that every offset-index entry points at the start of a batch with that
     * base offset, and every time-index entry at a batch with that base offset whose max timestamp
     * is the entry's. Throws {@link IllegalStateException} naming the first bad entry.
     */
    static void verifyIndexes(LogSegment seg, int bound) throws IOException {
        ByteBuffer header = FileBatches.newHeaderBuffer();
        for (int i = 0; i < seg.offsetIndex().entries(); i++) {
            OffsetIndex.Entry e = seg.offsetIndex().entry(i);
            LogSegment.BatchLocation b = e.position() < bound ? seg.headerAt(e.position(), bound, header) : null;
            if (b == null || b.baseOffset() != e.offset()) {
                throw new IllegalStateException("offset index entry " + i + " " + e + " of segment " + seg.baseOffset
                        + " does not point at a batch starting at that offset (found " + b + ")");
            }
        }
        for (int i = 0; i < seg.timeIndex().entries(); i++) {
            TimestampAndOffset e = seg.timeIndex().entry(i);
            LogSegment.BatchLocation b = seg.locate(e.offset(), bound, header);
            if (b == null || b.baseOffset() != e.offset() || BatchHeader.maxTimestamp(header, 0) != e.timestamp()) {
                throw new IllegalStateException("time index entry " + i + " " + e + " of segment " + seg.baseOffset
                        + " does not match the batch at that offset (found " + b + ")");
            }
        }
    }
}

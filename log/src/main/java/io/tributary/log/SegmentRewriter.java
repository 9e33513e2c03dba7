package io.tributary.log;

import io.tributary.common.records.BatchHeader;
import io.tributary.common.records.BatchScan;
import io.tributary.common.records.CheckedBatches;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Copies the batches of a group of segments into one cleaned segment, keeping what compaction keeps
 * (layouts: {@link BatchHeader}, {@link CleanedBatch}):
 * <ul>
 *   <li>a keyed record unless the {@link OffsetMap} holds a later offset for its key;</li>
 *   <li>a tombstone (null value) until its batch's delete horizon passes: the first cleaning that keeps
 *       it stamps the horizon, now + {@code delete.retention.ms}, on the batch;</li>
 *   <li>control batches whole;</li>
 *   <li>the last batch of every producer id, emptied if none of its records stay, so that the producer's
 *       sequence and epoch survive a rebuild of producer state from the log.</li>
 * </ul>
 * Keyless records go, as in Kafka: a compacted topic has no place for them. A batch that loses some
 * records is re-encoded with the same base offset, last offset delta, leader epoch and producer
 * fields; one that loses all of them and is nobody's last batch goes, leaving a gap in the offsets.
 *
 * <p>A compressed batch is opened ({@link BatchCompression}) and judged record by record like any
 * other; if it loses records its survivors are compressed again with the batch's own codec (an
 * emptied last batch of a producer is written uncompressed, as Kafka writes it). One that cannot be
 * opened (corrupt, or inflating past {@code decompressedBytesMax}) is kept whole.
 *
 * <p>Memory: one read buffer and one write buffer of {@code log.cleaner.io.buffer.size} / 2 per
 * thread, grown only for a single batch larger than that; for a compressed batch, its records
 * decompressed (at most {@code decompressedBytesMax}) and the rewritten batch, both freed after it. I/O passes through the shared {@link IoThrottler}.
 */
final class SegmentRewriter {

    /** What one rewrite did. */
    static final class Stats {
        long bytesRead;
        long bytesWritten;
        long recordsRead;
        long recordsRemoved;
        long batchesRemoved;
        long batchesKeptUndecodable;
    }

    private final OffsetMap map;
    private final Map<Long, Long> lastBatchOfProducer;
    private final long nowMs;
    private final long deleteRetentionMs;
    private final IoThrottler throttler;
    private final Runnable checkNotStopping;
    private ByteBuffer readBuffer;
    private ByteBuffer writeBuffer;
    private CleanedBatch.Record[] records = new CleanedBatch.Record[0];
    private long earliestHorizonMs = -1L;
    private boolean keptTombstone;
    private final int decompressedBytesMax;
    final Stats stats = new Stats();

    SegmentRewriter(OffsetMap map, Map<Long, Long> lastBatchOfProducer, long nowMs, long deleteRetentionMs,
                    int ioBufferBytes, int decompressedBytesMax, IoThrottler throttler, Runnable checkNotStopping) {
        this.map = map;
        this.decompressedBytesMax = decompressedBytesMax;
        this.lastBatchOfProducer = lastBatchOfProducer;
        this.nowMs = nowMs;
        this.deleteRetentionMs = deleteRetentionMs;
        this.throttler = throttler;
        this.checkNotStopping = checkNotStopping;
        this.readBuffer = ByteBuffer.allocate(ioBufferBytes);
        this.writeBuffer = ByteBuffer.allocate(ioBufferBytes);
    }

    /** Copies what stays of {@code source}'s batches (up to {@code bound} bytes) to the end of {@code target}. */
    void rewrite(LogSegment source, int bound, LogSegment target) throws IOException {
        int pos = 0;
        while (pos < bound) {
            checkNotStopping.run();
            readBuffer.clear();
            int want = Math.min(readBuffer.capacity(), bound - pos);
            readBuffer.limit(want);
            while (readBuffer.hasRemaining()) {
                if (source.channel().read(readBuffer, pos + readBuffer.position()) < 0) {
                    throw new IOException("segment " + source.baseOffset + " ended at " + (pos + readBuffer.position())
                            + " before its size " + bound);
                }
            }
            readBuffer.flip();
            throttler.acquire(want);
            stats.bytesRead += want;
            int at = 0;
            while (want - at >= BatchHeader.LOG_OVERHEAD) {
                int size = BatchHeader.sizeInBytes(readBuffer, at);
                if (size < BatchHeader.SIZE) {
                    throw new LogStorageException("segment " + source.baseOffset + " has a batch of " + size + " bytes at " + (pos + at));
                }
                if (size > want - at) {
                    break;
                }
                cleanBatch(readBuffer, at, target);
                at += size;
            }
            if (at == 0) {
                // One batch larger than the buffer: grow to hold it, and read again.
                int size = BatchHeader.sizeInBytes(readBuffer, 0);
                readBuffer = ByteBuffer.allocate(size);
                continue;
            }
            pos += at;
        }
        flushWrites(target);
    }

    private void cleanBatch(ByteBuffer b, int at, LogSegment target) throws IOException {
        int size = BatchHeader.sizeInBytes(b, at);
        int count = BatchHeader.recordCount(b, at);
        stats.recordsRead += count;
        int codec = BatchHeader.compression(b, at);
        if (BatchHeader.isControl(b, at)) {
            copyWhole(b, at, size, target);
            return;
        }
        ByteBuffer plain = b;
        int plainAt = at;
        if (codec != BatchCompression.NONE) {
            try {
                plain = BatchCompression.decompress(b, at, decompressedBytesMax);
                plainAt = 0;
            } catch (BatchCompression.UndecodableBatchException e) {
                // The map pass logged it when the batch was dirty; here it is simply kept as it is.
                stats.batchesKeptUndecodable++;
                copyWhole(b, at, size, target);
                return;
            }
        }
        int kept = retained(plain, plainAt, count);
        stats.recordsRemoved += count - kept;
        boolean hasHorizon = CleanedBatch.hasDeleteHorizon(plain, plainAt);
        boolean stamp = keptTombstone && !hasHorizon;
        if (kept == count && !stamp) {
            copyWhole(b, at, size, target);
            return;
        }
        long base = BatchHeader.baseOffset(b, at);
        long producerId = BatchHeader.producerId(b, at);
        boolean lastOfProducer = producerId != BatchHeader.NO_PRODUCER_ID && Long.valueOf(base).equals(lastBatchOfProducer.get(producerId));
        if (kept == 0 && !lastOfProducer) {
            stats.batchesRemoved++;
            return;
        }
        long horizonMs = stamp ? nowMs + deleteRetentionMs : -1L;
        int plainSize = BatchHeader.sizeInBytes(plain, plainAt);
        if (codec == BatchCompression.NONE || kept == 0) {
            // An emptied batch is written uncompressed, as Kafka writes it: there is nothing to compress.
            ensureWritable(CleanedBatch.maxOutputBytes(plainSize, kept), target);
            CleanedBatch.write(plain, plainAt, records, kept, horizonMs, writeBuffer);
            return;
        }
        ByteBuffer scratch = ByteBuffer.allocate(CleanedBatch.maxOutputBytes(plainSize, kept));
        CleanedBatch.write(plain, plainAt, records, kept, horizonMs, scratch);
        ByteBuffer recompressed = BatchCompression.compress(scratch.flip(), codec);
        ensureWritable(recompressed.remaining(), target);
        writeBuffer.put(recompressed);
    }

    /**
     * Parses the records of the uncompressed batch at {@code at} into {@link #records}, keeping those
     * compaction keeps at the front; returns how many. Sets {@link #keptTombstone} and notes the delete
     * horizon of a kept tombstone.
     */
    private int retained(ByteBuffer b, int at, int count) {
        if (records.length < count) {
            CleanedBatch.Record[] grown = new CleanedBatch.Record[count];
            System.arraycopy(records, 0, grown, 0, records.length);
            for (int i = records.length; i < count; i++) {
                grown[i] = new CleanedBatch.Record();
            }
            records = grown;
        }
        long base = BatchHeader.baseOffset(b, at);
        boolean hasHorizon = CleanedBatch.hasDeleteHorizon(b, at);
        long horizonMs = hasHorizon ? BatchHeader.baseTimestamp(b, at) : -1L;
        int kept = 0;
        keptTombstone = false;
        int pos = at + BatchHeader.SIZE;
        for (int i = 0; i < count; i++) {
            CleanedBatch.Record r = records[kept];
            pos = CleanedBatch.read(b, at, pos, r);
            if (retain(b, base, r, hasHorizon, horizonMs)) {
                keptTombstone |= r.isTombstone();
                kept++;
            }
        }
        if (keptTombstone) {
            long horizon = hasHorizon ? horizonMs : nowMs + deleteRetentionMs;
            earliestHorizonMs = earliestHorizonMs < 0 ? horizon : Math.min(earliestHorizonMs, horizon);
        }
        return kept;
    }

    /** The earliest delete horizon among the batches holding tombstones this rewrite kept; -1 if none. */
    long earliestHorizonMs() {
        return earliestHorizonMs;
    }

    private boolean retain(ByteBuffer b, long base, CleanedBatch.Record r, boolean hasHorizon, long horizonMs) {
        ByteBuffer key = CleanedBatch.key(b, r);
        if (key == null) {
            return false;
        }
        long offset = r.offset(base);
        if (map.get(key) > offset) {
            return false;
        }
        return !r.isTombstone() || !hasHorizon || nowMs < horizonMs;
    }

    private void copyWhole(ByteBuffer b, int at, int size, LogSegment target) throws IOException {
        ensureWritable(size, target);
        writeBuffer.put(b.duplicate().limit(at + size).position(at));
    }

    private void ensureWritable(int bytes, LogSegment target) throws IOException {
        if (writeBuffer.remaining() >= bytes) {
            return;
        }
        flushWrites(target);
        if (writeBuffer.capacity() < bytes) {
            writeBuffer = ByteBuffer.allocate(bytes);
        }
    }

    private void flushWrites(LogSegment target) throws IOException {
        if (writeBuffer.position() == 0) {
            return;
        }
        writeBuffer.flip();
        CheckedBatches out = (CheckedBatches) BatchScan.scan(writeBuffer, Long.MAX_VALUE, false, true);
        long first = out.batches().get(0).baseOffset();
        long last = out.batches().get(out.batchCount() - 1).lastOffset();
        int bytes = out.sizeInBytes();
        throttler.acquire(bytes);
        target.append(out, first, last, -1L, true);
        stats.bytesWritten += bytes;
        writeBuffer.clear();
    }
}

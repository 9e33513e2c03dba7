package io.tributary.common.records;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The one check of record batches, for bytes from a producer, from a leader, or from a segment file,
 * before anything trusts them. It walks the headers once and checks sizes against the bytes and
 * against {@code max.message.bytes}, the magic byte, the record count against the last offset delta,
 * and (when asked) the CRC; the result carries what it read ({@link CheckedBatches}) so that the
 * idempotence check, the producer-state commit and the log's append never read a header again.
 *
 * <p>Byte layout of what it reads: whole magic-2 batches back to back, each as {@link BatchHeader}
 * describes; record bodies stay opaque, as the broker stores them. Checks, per batch, in this order
 * (the first failure is the answer): header fits, length covers a header, size within the limit, size
 * within the bytes, magic 2, count = last offset delta + 1 &gt; 0, CRC, then the run's record total
 * fits an int. The leader's policy (no transactional or control batches, known codecs) is noted but
 * does not stop the walk: a leader refuses a malformed batch first, as Kafka does.
 *
 * <p>Reasons are what producers read in error messages (bytes from the network) or operators read in
 * recovery logs (bytes from a file), so each defect has one wording per {@link Source}.
 */
public final class BatchScan {

    /** The outcome of a scan: the checked batches, or the refusal of the first bad one. */
    public sealed interface Result permits CheckedBatches, BatchRefusal {
    }

    /** Where the bytes come from, which decides how a reason names a place in them. */
    public enum Source {
        /** A request or a fetch response: places are bytes from the first batch. */
        NETWORK,
        /** A segment file: places are file positions. */
        FILE
    }

    /** The highest compression codec id Kafka defines (zstd). */
    public static final int MAX_COMPRESSION_CODEC = 4;

    private BatchScan() {
    }

    /**
     * Checks every batch in {@code records} from its position to its limit (moving neither).
     *
     * @param batchBytesMax the largest batch accepted ({@code max.message.bytes}); a larger one is
     *                      {@code MESSAGE_TOO_LARGE}. {@code Long.MAX_VALUE} for none (a follower's bytes)
     * @param verifyCrc     compute each batch's CRC-32C (bytes nobody has checked yet); the log's own
     *                      tests and tools may skip it for bytes they built
     */
    public static Result scan(ByteBuffer records, long batchBytesMax, boolean verifyCrc) {
        return scan(records, batchBytesMax, verifyCrc, false);
    }

    /**
     * As {@link #scan(ByteBuffer, long, boolean)}; with {@code compacted}, for bytes a leader's log holds
     * (a follower's fetch), a batch may hold fewer records than its offset span, or none: the log
     * cleaner keeps each batch's offsets and producer fields when it removes records.
     */
    public static Result scan(ByteBuffer records, long batchBytesMax, boolean verifyCrc, boolean compacted) {
        ByteBuffer bytes = records.slice();
        int end = bytes.limit();
        if (end == 0) {
            return new BatchRefusal(BatchDefect.EMPTY, "empty record set");
        }
        List<CheckedBatch> batches = null;
        CheckedBatch only = null;
        long recordTotal = 0;
        int largest = 0;
        long maxTimestamp = BatchHeader.NO_TIMESTAMP;
        int offsetDeltaOfMax = -1;
        BatchRefusal leaderRefusal = null;
        for (int at = 0; at < end; ) {
            BatchRefusal bad = checkHeader(bytes, at, at, end - at, batchBytesMax, Source.NETWORK, compacted);
            if (bad != null) {
                return bad;
            }
            if (verifyCrc && !BatchHeader.isCrcValid(bytes, at)) {
                return crcMismatch(at, Source.NETWORK);
            }
            CheckedBatch b = CheckedBatch.read(bytes, at, at, (int) recordTotal);
            recordTotal += b.recordCount();
            if (recordTotal > Integer.MAX_VALUE) {
                return new BatchRefusal(BatchDefect.TOO_MANY_RECORDS, "more than " + Integer.MAX_VALUE + " records in one append");
            }
            if (leaderRefusal == null) {
                leaderRefusal = leaderPolicy(b);
            }
            if (b.maxTimestamp() > maxTimestamp) {
                maxTimestamp = b.maxTimestamp();
                offsetDeltaOfMax = b.offsetDelta();
            }
            largest = Math.max(largest, b.sizeInBytes());
            // One batch per request and partition is the common case: no list until a second one.
            if (only == null) {
                only = b;
            } else {
                if (batches == null) {
                    batches = new ArrayList<>(4);
                    batches.add(only);
                }
                batches.add(b);
            }
            at += b.sizeInBytes();
        }
        return new CheckedBatches(bytes, batches == null ? List.of(only) : List.copyOf(batches), (int) recordTotal, largest,
                maxTimestamp, offsetDeltaOfMax, verifyCrc, leaderRefusal);
    }

    /**
     * Checks what one header alone shows: that a header fits in {@code bytesAvailable}, that its length
     * covers a header, fits the limit and the bytes, the magic, and the record count against the last
     * offset delta. Returns null if the header is sound.
     *
     * @param at             where the header starts in {@code b}
     * @param position       where the batch is, for the reason (bytes from the first batch, or a file position)
     * @param bytesAvailable bytes from the batch's start to the end of what may be read
     * @param batchBytesMax  the largest batch accepted; {@code Long.MAX_VALUE} for none
     */
    public static BatchRefusal checkHeader(ByteBuffer b, int at, long position, long bytesAvailable, long batchBytesMax,
                                           Source source) {
        return checkHeader(b, at, position, bytesAvailable, batchBytesMax, source, source == Source.FILE);
    }

    /**
     * As {@link #checkHeader(ByteBuffer, int, long, long, long, Source)}; with {@code compacted} the
     * record count may be anything from 0 to the last offset delta + 1 (a batch the cleaner thinned).
     */
    public static BatchRefusal checkHeader(ByteBuffer b, int at, long position, long bytesAvailable, long batchBytesMax,
                                           Source source, boolean compacted) {
        if (bytesAvailable < BatchHeader.SIZE) {
            return truncatedHeader(position, source);
        }
        int length = BatchHeader.batchLength(b, at);
        if (length < BatchHeader.SIZE - BatchHeader.LOG_OVERHEAD) {
            return new BatchRefusal(BatchDefect.LENGTH_TOO_SMALL, source == Source.NETWORK
                    ? "batch length " + length + " is smaller than a header"
                    : "batch length " + length + " at position " + position + " is smaller than a header");
        }
        long size = (long) BatchHeader.LOG_OVERHEAD + length;
        if (size > batchBytesMax) {
            return new BatchRefusal(BatchDefect.TOO_LARGE, source == Source.NETWORK
                    ? "batch of " + size + " bytes exceeds " + batchBytesMax
                    : "batch of " + size + " bytes at position " + position + " exceeds " + batchBytesMax);
        }
        if (size > bytesAvailable) {
            return new BatchRefusal(BatchDefect.OVERRUN, source == Source.NETWORK
                    ? "batch of " + size + " bytes overruns the record set"
                    : "batch of " + size + " bytes at position " + position + " runs past the end (" + (position + bytesAvailable) + ")");
        }
        byte magic = BatchHeader.magic(b, at);
        if (magic != BatchHeader.CURRENT_MAGIC) {
            return new BatchRefusal(BatchDefect.BAD_MAGIC, source == Source.NETWORK
                    ? "magic " + magic + " is not supported; only 2 is"
                    : "magic " + magic + " at position " + position);
        }
        int count = BatchHeader.recordCount(b, at);
        int delta = BatchHeader.lastOffsetDelta(b, at);
        boolean countOk = compacted ? delta >= 0 && count >= 0 && count <= (long) delta + 1 : count > 0 && delta == count - 1;
        if (!countOk) {
            return new BatchRefusal(BatchDefect.COUNT_MISMATCH, source == Source.NETWORK
                    ? "record count " + count + " does not match last offset delta " + delta
                    : "record count " + count + " disagrees with last offset delta " + delta + " at position " + position);
        }
        return null;
    }

    /** Fewer bytes than a header at {@code position}. */
    public static BatchRefusal truncatedHeader(long position, Source source) {
        return new BatchRefusal(BatchDefect.TRUNCATED_HEADER, source == Source.NETWORK
                ? "truncated batch header at byte " + position
                : "torn batch header at position " + position);
    }

    /** The batch at {@code position} does not carry the CRC its bytes have. */
    public static BatchRefusal crcMismatch(long position, Source source) {
        return new BatchRefusal(BatchDefect.CRC_MISMATCH, (source == Source.NETWORK ? "CRC mismatch in batch at byte "
                : "CRC mismatch in batch at position ") + position);
    }

    /** What a leader refuses in a well-formed batch, or null. */
    private static BatchRefusal leaderPolicy(CheckedBatch b) {
        if (b.isControl() || b.isTransactional()) {
            return new BatchRefusal(BatchDefect.UNSUPPORTED_BATCH_TYPE, "transactional and control batches are not supported");
        }
        if (b.compression() > MAX_COMPRESSION_CODEC) {
            return new BatchRefusal(BatchDefect.UNKNOWN_COMPRESSION, "unknown compression codec " + b.compression());
        }
        return null;
    }
}

package io.tributary.common.records;

import io.tributary.common.ErrorCode;
import java.nio.ByteBuffer;

/**
 * Checks that a buffer holds whole, well-formed magic-2 record batches before anything trusts it:
 * sizes that fit the buffer, the magic byte, a record count that matches the offset delta, and
 * the CRC. It reads only headers and CRCs; record bodies stay opaque, as the broker stores them.
 */
public final class BatchValidator {

    /** The outcome: either {@link ErrorCode#NONE} with counts, or the error and a reason for the log. */
    public record Result(ErrorCode error, String reason, int batchCount, int recordCount, long maxTimestamp) {
        public boolean ok() {
            return error == ErrorCode.NONE;
        }

        static Result fail(ErrorCode error, String reason) {
            return new Result(error, reason, 0, 0, BatchHeader.NO_TIMESTAMP);
        }
    }

    private BatchValidator() {
    }

    /**
     * Validates every batch in {@code records} from its position to its limit.
     *
     * @param batchBytesMax the largest batch accepted ({@code max.message.bytes}); a larger one is {@code MESSAGE_TOO_LARGE}
     */
    public static Result validate(ByteBuffer records, int batchBytesMax) {
        int at = records.position();
        int end = records.limit();
        if (at == end) {
            return Result.fail(ErrorCode.CORRUPT_MESSAGE, "empty record set");
        }
        int batches = 0;
        int recordsTotal = 0;
        long maxTimestamp = BatchHeader.NO_TIMESTAMP;
        while (at < end) {
            if (end - at < BatchHeader.SIZE) {
                return Result.fail(ErrorCode.CORRUPT_MESSAGE, "truncated batch header at byte " + (at - records.position()));
            }
            int length = BatchHeader.batchLength(records, at);
            if (length < BatchHeader.SIZE - BatchHeader.LOG_OVERHEAD) {
                return Result.fail(ErrorCode.CORRUPT_MESSAGE, "batch length " + length + " is smaller than a header");
            }
            long size = (long) BatchHeader.LOG_OVERHEAD + length;
            if (size > batchBytesMax) {
                return Result.fail(ErrorCode.MESSAGE_TOO_LARGE, "batch of " + size + " bytes exceeds " + batchBytesMax);
            }
            if (size > end - at) {
                return Result.fail(ErrorCode.CORRUPT_MESSAGE, "batch of " + size + " bytes overruns the record set");
            }
            byte magic = BatchHeader.magic(records, at);
            if (magic != BatchHeader.CURRENT_MAGIC) {
                return Result.fail(ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT, "magic " + magic + " is not supported; only 2 is");
            }
            int count = BatchHeader.recordCount(records, at);
            int delta = BatchHeader.lastOffsetDelta(records, at);
            if (count <= 0 || delta != count - 1) {
                return Result.fail(ErrorCode.INVALID_RECORD, "record count " + count + " does not match last offset delta " + delta);
            }
            if (!BatchHeader.isCrcValid(records, at)) {
                return Result.fail(ErrorCode.CORRUPT_MESSAGE, "CRC mismatch in batch at byte " + (at - records.position()));
            }
            batches++;
            recordsTotal += count;
            maxTimestamp = Math.max(maxTimestamp, BatchHeader.maxTimestamp(records, at));
            at += (int) size;
        }
        return new Result(ErrorCode.NONE, null, batches, recordsTotal, maxTimestamp);
    }
}

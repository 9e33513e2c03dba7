package io.tributary.broker.partition;

import io.tributary.common.ErrorCode;

/**
 * What a leader append did for one partition of a produce request.
 *
 * @param baseOffset      the first offset written, or the original first offset of a duplicate; -1 on error
 * @param lastOffset      the last offset written (or of the duplicate); -1 on error
 * @param logAppendTimeMs the broker time stamped under LogAppendTime, else -1
 * @param logStartOffset  the log start offset after the append, -1 on error
 * @param duplicate       the batch was a retry of one already in the log; nothing was written
 */
public record AppendResult(ErrorCode error, String errorMessage, long baseOffset, long lastOffset, long logAppendTimeMs,
                           long logStartOffset, boolean duplicate) {

    public static AppendResult failed(ErrorCode error, String message) {
        return new AppendResult(error, message, -1L, -1L, -1L, -1L, false);
    }

    public boolean ok() {
        return error == ErrorCode.NONE;
    }

    /** The offset the high watermark must pass for an acks=all produce to complete. */
    public long requiredOffset() {
        return lastOffset + 1;
    }
}

package io.tributary.common.records;

import io.tributary.common.ErrorCode;

/**
 * What can be wrong with a record batch, each with the error a producer gets for it (Kafka's codes)
 * and a short label for log messages. The first group is about the bytes; the last two are the
 * leader's policy (batches it will not accept although they are well formed).
 */
public enum BatchDefect {
    /** No bytes at all where batches were expected. */
    EMPTY(ErrorCode.CORRUPT_MESSAGE, "no batches"),
    /** Fewer bytes left than a batch header. */
    TRUNCATED_HEADER(ErrorCode.CORRUPT_MESSAGE, "truncated batch header"),
    /** A length field too small to cover the rest of a header. */
    LENGTH_TOO_SMALL(ErrorCode.CORRUPT_MESSAGE, "batch length below a header"),
    /** A batch larger than {@code max.message.bytes}. */
    TOO_LARGE(ErrorCode.MESSAGE_TOO_LARGE, "batch larger than max.message.bytes"),
    /** A length field pointing past the end of the bytes. */
    OVERRUN(ErrorCode.CORRUPT_MESSAGE, "batch length past the end"),
    /** A magic byte other than 2. */
    BAD_MAGIC(ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT, "unsupported magic"),
    /** A record count that is not the last offset delta plus one (or not positive). */
    COUNT_MISMATCH(ErrorCode.INVALID_RECORD, "record count disagrees with last offset delta"),
    /** Stored and computed CRC-32C differ. */
    CRC_MISMATCH(ErrorCode.CORRUPT_MESSAGE, "CRC mismatch"),
    /** More than {@code Integer.MAX_VALUE} records in one append: offsets of one append must fit an int delta. */
    TOO_MANY_RECORDS(ErrorCode.INVALID_RECORD, "too many records in one append"),
    /** Leader policy: transactional and control batches are not supported. */
    UNSUPPORTED_BATCH_TYPE(ErrorCode.INVALID_RECORD, "transactional or control batch"),
    /** Leader policy: a compression codec id above zstd's (4). */
    UNKNOWN_COMPRESSION(ErrorCode.CORRUPT_MESSAGE, "unknown compression codec");

    private final ErrorCode error;
    private final String label;

    BatchDefect(ErrorCode error, String label) {
        this.error = error;
        this.label = label;
    }

    /** The error a producer gets for a batch with this defect. */
    public ErrorCode error() {
        return error;
    }

    /** A few words naming the defect, for log messages. */
    public String label() {
        return label;
    }
}

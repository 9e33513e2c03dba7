package io.tributary.log;

/**
 * A follower append whose batches do not continue the log exactly: the first batch must start at
 * the log end, and each batch at the offset after the previous one. Nothing was written.
 */
public final class UnexpectedAppendOffsetException extends IllegalArgumentException {

    private final long expectedOffset;
    private final long actualOffset;

    public UnexpectedAppendOffsetException(String partition, long expectedOffset, long actualOffset) {
        super("append to " + partition + " refused: batch starts at offset " + actualOffset
                + " but the log continues at " + expectedOffset);
        this.expectedOffset = expectedOffset;
        this.actualOffset = actualOffset;
    }

    public long expectedOffset() {
        return expectedOffset;
    }

    public long actualOffset() {
        return actualOffset;
    }
}

package io.tributary.log;

/**
 * A read or scan asked for an offset outside {@code [logStartOffset, logEndOffset]}. The broker
 * answers {@code OFFSET_OUT_OF_RANGE}; the fields let it say what range exists.
 */
public final class OffsetOutOfRangeException extends RuntimeException {

    private final long requestedOffset;
    private final long logStartOffset;
    private final long logEndOffset;

    public OffsetOutOfRangeException(String partition, long requestedOffset, long logStartOffset, long logEndOffset) {
        super("offset " + requestedOffset + " is out of range for " + partition
                + ": the log holds [" + logStartOffset + ", " + logEndOffset + ")");
        this.requestedOffset = requestedOffset;
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
    }

    public long requestedOffset() {
        return requestedOffset;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }
}

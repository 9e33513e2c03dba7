package io.tributary.broker.partition;

/** What a fetch response did to a follower ({@link Partition#onFetchResponse}). */
public enum FetchOutcome {
    /** Batches were appended. */
    APPENDED,
    /** The log was cut back to where it agrees with the leader. */
    TRUNCATED,
    /** Nothing to write (perhaps the high watermark moved). */
    NONE,
    /** The response was for another epoch or offset, or this partition no longer follows: ignored. */
    STALE
}

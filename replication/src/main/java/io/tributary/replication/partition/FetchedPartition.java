package io.tributary.replication.partition;

import java.util.Optional;

/**
 * The part of a successful Fetch response for one partition that a follower's state needs; the
 * record bytes themselves stay with the broker, which reads the first batch's base offset and the
 * last batch's last offset from their headers.
 *
 * @param fetchOffset         the offset the request fetched from
 * @param leaderHighWatermark the leader's high watermark in the response
 * @param divergingEpoch      present when the leader says the follower's log diverges from its own
 *                            (the leader's end offset for the follower's last fetched epoch)
 * @param records             the offsets the returned batches cover; empty when none came back
 */
public record FetchedPartition(long fetchOffset, long leaderHighWatermark, Optional<EpochEndOffset> divergingEpoch,
                               Optional<OffsetRange> records) {

    /**
     * The offsets covered by whole batches: {@code [baseOffset, nextOffset)}.
     *
     * @param baseOffset the first batch's base offset
     * @param nextOffset the last batch's last offset plus one
     */
    public record OffsetRange(long baseOffset, long nextOffset) {

        public OffsetRange {
            if (baseOffset < 0 || nextOffset <= baseOffset) {
                throw new IllegalArgumentException("batches cover [" + baseOffset + ", " + nextOffset + "), which is empty or negative");
            }
        }
    }

    public FetchedPartition {
        divergingEpoch = divergingEpoch == null ? Optional.empty() : divergingEpoch;
        records = records == null ? Optional.empty() : records;
        if (fetchOffset < 0 || leaderHighWatermark < 0) {
            throw new IllegalArgumentException("fetch offset " + fetchOffset + " and leader high watermark "
                    + leaderHighWatermark + " must not be negative");
        }
    }

    /** A response with records and no divergence. */
    public static FetchedPartition records(long fetchOffset, long leaderHighWatermark, long baseOffset, long nextOffset) {
        return new FetchedPartition(fetchOffset, leaderHighWatermark, Optional.empty(),
                Optional.of(new OffsetRange(baseOffset, nextOffset)));
    }

    /** A response with nothing new (the follower is caught up, or the leader's log end has not moved). */
    public static FetchedPartition empty(long fetchOffset, long leaderHighWatermark) {
        return new FetchedPartition(fetchOffset, leaderHighWatermark, Optional.empty(), Optional.empty());
    }

    /** A response that says the follower's log diverges. */
    public static FetchedPartition diverging(long fetchOffset, long leaderHighWatermark, EpochEndOffset divergingEpoch) {
        return new FetchedPartition(fetchOffset, leaderHighWatermark, Optional.of(divergingEpoch), Optional.empty());
    }
}

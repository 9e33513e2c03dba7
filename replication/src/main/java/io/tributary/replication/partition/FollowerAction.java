package io.tributary.replication.partition;

/**
 * What a follower must do to its log after a fetch response, as {@link FollowerState} decides it.
 * The broker carries the action out and reports back ({@link FollowerState#onAppended},
 * {@link FollowerState#onTruncated}) before the next fetch.
 */
public sealed interface FollowerAction {

    /** Nothing to write; only the high watermark may have moved. The next fetch may go at once. */
    record None(long highWatermark) implements FollowerAction {
    }

    /**
     * Append the returned batches as they are (the leader's offsets and epochs), which cover
     * {@code [baseOffset, nextOffset)}; {@code baseOffset} is the local log end.
     */
    record Append(long baseOffset, long nextOffset) implements FollowerAction {
    }

    /**
     * Cut the local log so that it ends at or below {@code truncateToOffset}, then fetch again (the
     * next fetch carries the new last fetched epoch, and the leader answers with another diverging
     * epoch if the logs still differ).
     *
     * @param belowHighWatermark true when the cut removes records this follower had counted as
     *                           committed; with clean elections that never happens, so the broker
     *                           logs it as a warning (it follows an unclean leader election)
     */
    record Truncate(long truncateToOffset, boolean belowHighWatermark) implements FollowerAction {
    }
}

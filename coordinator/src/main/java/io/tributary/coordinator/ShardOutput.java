package io.tributary.coordinator;

import io.tributary.coordinator.api.Reply;
import io.tributary.coordinator.record.CoordinatorRecord;

import java.util.List;

/**
 * What one step of a shard asks the broker to do, in this order:
 * <ol>
 *   <li>append {@code records}, in order, as one batch to the shard's {@code __consumer_offsets}
 *       partition with acks=all; they must land at offsets {@code firstOffset} onwards (the shard
 *       counts the offsets it has used; if the append lands elsewhere or fails, the broker must
 *       drop the shard and load a new one from the log, because the shard already applied them);</li>
 *   <li>once the partition's high watermark reaches {@link #releaseAtHighWatermark()} (everything
 *       appended so far, these records included, is committed), send {@code replies}. If the
 *       broker loses leadership first, it answers them NOT_COORDINATOR instead.</li>
 * </ol>
 * Replies wait even when this step wrote nothing, because they may reveal state that earlier,
 * still uncommitted records created (an OffsetFetch reading a commit that is not acknowledged
 * yet); when everything is committed already they go at once.
 */
public record ShardOutput(long firstOffset, List<CoordinatorRecord> records, List<Reply> replies) {

    public ShardOutput {
        records = List.copyOf(records);
        replies = List.copyOf(replies);
    }

    /** The high watermark at which {@link #replies()} may be sent. */
    public long releaseAtHighWatermark() {
        return firstOffset + records.size();
    }

    public boolean isEmpty() {
        return records.isEmpty() && replies.isEmpty();
    }
}

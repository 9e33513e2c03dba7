package io.tributary.log;

/**
 * A record found by timestamp, as ListOffsets reports it.
 *
 * @param timestamp   the record's timestamp (the batch's max timestamp for LogAppendTime or compressed batches)
 * @param offset      the record's offset
 * @param leaderEpoch the partition leader epoch of the batch holding it, or -1
 */
public record TimestampAndOffset(long timestamp, long offset, int leaderEpoch) {
}

package io.tributary.coordinator.record;

import java.util.Objects;

/**
 * A committed offset as stored.
 *
 * @param offset            the next offset the group will consume from this partition
 * @param leaderEpoch       the leader epoch of the last consumed record, or {@link #NO_LEADER_EPOCH}
 * @param metadata          the client's free-form string (never null; empty when the client sent none)
 * @param commitTimestampMs when the coordinator accepted the commit
 * @param expireTimestampMs when the offset expires regardless of the group, as OffsetCommit v2-v4's
 *                          retention time asked; {@link #NO_EXPIRE_TIMESTAMP} means the broker's
 *                          {@code offsets.retention.minutes} applies
 */
public record OffsetCommitValue(long offset, int leaderEpoch, String metadata, long commitTimestampMs,
                                long expireTimestampMs) {

    public static final int NO_LEADER_EPOCH = -1;
    public static final long NO_EXPIRE_TIMESTAMP = -1L;

    public OffsetCommitValue {
        Objects.requireNonNull(metadata, "metadata");
    }
}

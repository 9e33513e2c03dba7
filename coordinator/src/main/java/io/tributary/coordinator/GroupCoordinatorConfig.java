package io.tributary.coordinator;

/**
 * The broker settings a coordinator shard obeys, with Kafka's keys and defaults.
 *
 * @param groupMinSessionTimeoutMs         {@code group.min.session.timeout.ms} (6 s)
 * @param groupMaxSessionTimeoutMs         {@code group.max.session.timeout.ms} (30 min)
 * @param groupMaxSize                     {@code group.max.size} (unbounded)
 * @param groupInitialRebalanceDelayMs     {@code group.initial.rebalance.delay.ms} (3 s)
 * @param offsetsRetentionMs               {@code offsets.retention.minutes} (7 days), in milliseconds
 * @param offsetsRetentionCheckIntervalMs  {@code offsets.retention.check.interval.ms} (10 min)
 * @param offsetMetadataBytesMax           {@code offset.metadata.max.bytes} (4096)
 * @param newMemberJoinTimeoutMs           how long a new member's first JoinGroup may wait in a
 *                                         rebalance before the member is dropped (Kafka's fixed 5 min)
 */
public record GroupCoordinatorConfig(int groupMinSessionTimeoutMs, int groupMaxSessionTimeoutMs, int groupMaxSize,
                                     int groupInitialRebalanceDelayMs, long offsetsRetentionMs,
                                     long offsetsRetentionCheckIntervalMs, int offsetMetadataBytesMax,
                                     int newMemberJoinTimeoutMs) {

    public GroupCoordinatorConfig {
        if (groupMinSessionTimeoutMs < 0 || groupMaxSessionTimeoutMs < groupMinSessionTimeoutMs) {
            throw new IllegalArgumentException("group.min.session.timeout.ms " + groupMinSessionTimeoutMs
                    + " must be >= 0 and <= group.max.session.timeout.ms " + groupMaxSessionTimeoutMs);
        }
        if (groupMaxSize < 1) {
            throw new IllegalArgumentException("group.max.size must be >= 1, got " + groupMaxSize);
        }
        if (groupInitialRebalanceDelayMs < 0 || offsetsRetentionMs < 1 || offsetsRetentionCheckIntervalMs < 1
                || offsetMetadataBytesMax < 0 || newMemberJoinTimeoutMs < 1) {
            throw new IllegalArgumentException("invalid coordinator config " + this);
        }
    }

    public static GroupCoordinatorConfig defaults() {
        return new GroupCoordinatorConfig(6_000, 1_800_000, Integer.MAX_VALUE, 3_000,
                7L * 24 * 60 * 60 * 1000, 600_000, 4096, 300_000);
    }

    public GroupCoordinatorConfig withInitialRebalanceDelayMs(int delayMs) {
        return new GroupCoordinatorConfig(groupMinSessionTimeoutMs, groupMaxSessionTimeoutMs, groupMaxSize, delayMs,
                offsetsRetentionMs, offsetsRetentionCheckIntervalMs, offsetMetadataBytesMax, newMemberJoinTimeoutMs);
    }

    public GroupCoordinatorConfig withGroupMaxSize(int maxSize) {
        return new GroupCoordinatorConfig(groupMinSessionTimeoutMs, groupMaxSessionTimeoutMs, maxSize,
                groupInitialRebalanceDelayMs, offsetsRetentionMs, offsetsRetentionCheckIntervalMs,
                offsetMetadataBytesMax, newMemberJoinTimeoutMs);
    }

    public GroupCoordinatorConfig withOffsetsRetention(long retentionMs, long checkIntervalMs) {
        return new GroupCoordinatorConfig(groupMinSessionTimeoutMs, groupMaxSessionTimeoutMs, groupMaxSize,
                groupInitialRebalanceDelayMs, retentionMs, checkIntervalMs, offsetMetadataBytesMax,
                newMemberJoinTimeoutMs);
    }
}

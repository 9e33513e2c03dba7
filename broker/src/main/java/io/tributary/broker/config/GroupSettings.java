package io.tributary.broker.config;

import static io.tributary.broker.config.BrokerConfigSchema.GROUP_INITIAL_REBALANCE_DELAY_MS;
import static io.tributary.broker.config.BrokerConfigSchema.GROUP_MAX_SESSION_TIMEOUT_MS;
import static io.tributary.broker.config.BrokerConfigSchema.GROUP_MAX_SIZE;
import static io.tributary.broker.config.BrokerConfigSchema.GROUP_MIN_SESSION_TIMEOUT_MS;
import static io.tributary.broker.config.BrokerConfigSchema.OFFSETS_COMMIT_TIMEOUT_MS;
import static io.tributary.broker.config.BrokerConfigSchema.OFFSETS_LOAD_BUFFER_SIZE;
import static io.tributary.broker.config.BrokerConfigSchema.OFFSETS_RETENTION_CHECK_INTERVAL_MS;
import static io.tributary.broker.config.BrokerConfigSchema.OFFSETS_RETENTION_MINUTES;
import static io.tributary.broker.config.BrokerConfigSchema.OFFSET_METADATA_MAX_BYTES;

import io.tributary.common.config.ConfigException;
import io.tributary.coordinator.GroupCoordinatorConfig;

/**
 * What the group coordinator obeys, read from Kafka's keys with Kafka's defaults.
 *
 * @param shard                  what each shard obeys (session limits, group size, initial delay, retention, metadata size)
 * @param offsetsCommitTimeoutMs {@code offsets.commit.timeout.ms}: how long a write waits for acks=all
 * @param loadBufferBytes        {@code offsets.load.buffer.size}: bytes read at a time while loading a partition
 */
public record GroupSettings(GroupCoordinatorConfig shard, int offsetsCommitTimeoutMs, int loadBufferBytes) {

    /** Kafka's fixed wait for a new member's first JoinGroup in a rebalance (its {@code group.new.member.join.timeout}). */
    static final int NEW_MEMBER_JOIN_TIMEOUT_MS = 300_000;

    static GroupSettings from(BrokerConfig c) {
        int minSession = c.integer(GROUP_MIN_SESSION_TIMEOUT_MS);
        int maxSession = c.integer(GROUP_MAX_SESSION_TIMEOUT_MS);
        if (maxSession < minSession) {
            throw new ConfigException(GROUP_MAX_SESSION_TIMEOUT_MS, maxSession,
                    "must be at least " + GROUP_MIN_SESSION_TIMEOUT_MS + " (" + minSession + ")");
        }
        GroupCoordinatorConfig shard = new GroupCoordinatorConfig(minSession, maxSession, c.integer(GROUP_MAX_SIZE),
                c.integer(GROUP_INITIAL_REBALANCE_DELAY_MS), c.integer(OFFSETS_RETENTION_MINUTES) * 60_000L,
                c.longValue(OFFSETS_RETENTION_CHECK_INTERVAL_MS), c.integer(OFFSET_METADATA_MAX_BYTES), NEW_MEMBER_JOIN_TIMEOUT_MS);
        return new GroupSettings(shard, c.integer(OFFSETS_COMMIT_TIMEOUT_MS), c.integer(OFFSETS_LOAD_BUFFER_SIZE));
    }
}

package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

import java.util.Objects;
import java.util.Set;

/**
 * Not a client's request: the broker tells each shard it coordinates that these topics were
 * deleted, so that every group's committed offsets of them go too, as Kafka's coordinator does on
 * a topic deletion. Without it, {@code kafka-consumer-groups --describe} would list partitions that
 * no longer exist, and a topic created again under the same name would start from the old offsets.
 */
public record TopicsDeletedRequest(Set<String> topics) implements CoordinatorRequest {

    public TopicsDeletedRequest {
        topics = Set.copyOf(Objects.requireNonNull(topics, "topics"));
    }

    @Override
    public TopicsDeletedResponse errorResponse(ErrorCode error) {
        return new TopicsDeletedResponse(error, 0);
    }
}

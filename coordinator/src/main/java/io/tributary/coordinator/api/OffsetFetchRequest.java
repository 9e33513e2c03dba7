package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;

import java.util.List;
import java.util.Objects;

/**
 * OffsetFetch for one group (the broker splits the multi-group form of v8+ into one request per
 * group). {@code partitions} null means every partition the group has an offset for.
 * {@code requireStable} is accepted and ignored: without transactional offset commits there is
 * never a pending offset to wait for.
 */
public record OffsetFetchRequest(String groupId, List<TopicPartition> partitions, boolean requireStable)
        implements CoordinatorRequest {

    public OffsetFetchRequest {
        Objects.requireNonNull(groupId, "groupId");
        partitions = partitions == null ? null : List.copyOf(partitions);
    }

    @Override
    public OffsetFetchResponse errorResponse(ErrorCode error) {
        return new OffsetFetchResponse(error, List.of());
    }
}

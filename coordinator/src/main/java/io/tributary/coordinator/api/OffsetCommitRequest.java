package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;

import java.util.List;
import java.util.Objects;

/**
 * OffsetCommit, any version. A commit with generation -1 and an empty member id is a "simple"
 * commit by a client that does not use group management; it is accepted only while the group is
 * Empty (or does not exist yet).
 *
 * @param retentionTimeMs v2-v4's retention time, or {@link #DEFAULT_RETENTION} for the broker's
 *                        {@code offsets.retention.minutes}
 */
public record OffsetCommitRequest(String groupId, int generationId, String memberId, String groupInstanceId,
                                  long retentionTimeMs, List<PartitionCommit> partitions)
        implements CoordinatorRequest {

    public static final long DEFAULT_RETENTION = -1L;

    public OffsetCommitRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        partitions = List.copyOf(partitions);
    }

    @Override
    public OffsetCommitResponse errorResponse(ErrorCode error) {
        return new OffsetCommitResponse(partitions.stream()
                .map(p -> new PartitionResult(p.partition(), error)).toList());
    }

    /** One partition's commit; {@code metadata} may be null, {@code leaderEpoch} -1 when unknown. */
    public record PartitionCommit(TopicPartition partition, long offset, int leaderEpoch, String metadata) {

        public PartitionCommit {
            Objects.requireNonNull(partition, "partition");
        }
    }
}

package io.tributary.wire.api.produce;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.wire.api.LeaderAndEpoch;
import io.tributary.wire.api.NodeEndpoint;
import java.util.List;

/**
 * A Produce response. Fields a version does not carry are dropped when encoding: log start offset
 * (v5+), record errors and error message (v8+), current leader and node endpoints (v10+, KIP-951).
 * Topics are answered by name before v13 and by id from v13, so both should be filled.
 */
public record ProduceResponse(List<TopicResponse> topics, int throttleTimeMs, List<NodeEndpoint> nodeEndpoints) {

    public ProduceResponse {
        topics = List.copyOf(topics);
        nodeEndpoints = List.copyOf(nodeEndpoints);
    }

    public record TopicResponse(String name, TopicId topicId, List<PartitionResponse> partitions) {

        public TopicResponse {
            partitions = List.copyOf(partitions);
            topicId = topicId == null ? TopicId.ZERO : topicId;
        }
    }

    /**
     * @param baseOffset      -1 on error
     * @param logAppendTimeMs -1 unless the topic uses LogAppendTime
     * @param logStartOffset  -1 if unknown
     * @param errorMessage    null for none
     * @param currentLeader   null unless the error is {@code NOT_LEADER_OR_FOLLOWER} or similar (v10+)
     */
    public record PartitionResponse(
            int partition,
            ErrorCode error,
            long baseOffset,
            long logAppendTimeMs,
            long logStartOffset,
            List<RecordError> recordErrors,
            String errorMessage,
            LeaderAndEpoch currentLeader) {

        public PartitionResponse {
            recordErrors = List.copyOf(recordErrors);
        }

        /** A partition failed with {@code error} and nothing else to say. */
        public static PartitionResponse failed(int partition, ErrorCode error) {
            return new PartitionResponse(partition, error, -1L, -1L, -1L, List.of(), null, null);
        }
    }

    /** A record that made its batch fail (KIP-467): its index in the batch and why. */
    public record RecordError(int batchIndex, String message) {
    }
}

package io.tributary.wire.api.fetch;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.api.LeaderAndEpoch;
import io.tributary.wire.api.NodeEndpoint;
import java.util.List;

/**
 * A Fetch response. Record data is a {@link RecordsSlice}: a file range goes to the socket with
 * {@code sendfile} as its own chunk of the frame. Fields a version does not carry are dropped when
 * encoding: top-level error and session id (v7+), preferred read replica (v11+), diverging epoch,
 * current leader and snapshot id (v12+), node endpoints (v16+). Topics are answered by name before
 * v13 and by id from v13, so both should be filled.
 */
public record FetchResponse(
        int throttleTimeMs,
        ErrorCode error,
        int sessionId,
        List<TopicResponse> topics,
        List<NodeEndpoint> nodeEndpoints) {

    public FetchResponse {
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
     * @param lastStableOffset     -1 if unknown
     * @param logStartOffset       -1 if unknown
     * @param divergingEpoch       null unless a follower must truncate (v12+)
     * @param currentLeader        null unless the error calls for a leader hint (v12+)
     * @param snapshotId           null unless the fetcher must load a snapshot (v12+)
     * @param abortedTransactions  aborted transactions in range, for read-committed fetches; empty is sent as null
     * @param preferredReadReplica -1 for none (v11+)
     * @param records              the batches; {@link RecordsSlice#EMPTY} when there are none
     */
    public record PartitionResponse(
            int partition,
            ErrorCode error,
            long highWatermark,
            long lastStableOffset,
            long logStartOffset,
            EpochEndOffset divergingEpoch,
            LeaderAndEpoch currentLeader,
            SnapshotId snapshotId,
            List<AbortedTransaction> abortedTransactions,
            int preferredReadReplica,
            RecordsSlice records) {

        public PartitionResponse {
            abortedTransactions = abortedTransactions == null ? List.of() : List.copyOf(abortedTransactions);
            records = records == null ? RecordsSlice.EMPTY : records;
        }

        /** A partition that failed with {@code error}: no records, offsets unknown. */
        public static PartitionResponse failed(int partition, ErrorCode error) {
            return new PartitionResponse(partition, error, -1L, -1L, -1L, null, null, null, List.of(), -1, RecordsSlice.EMPTY);
        }
    }

    public record EpochEndOffset(int epoch, long endOffset) {
    }

    public record SnapshotId(long endOffset, int epoch) {
    }

    public record AbortedTransaction(long producerId, long firstOffset) {
    }
}

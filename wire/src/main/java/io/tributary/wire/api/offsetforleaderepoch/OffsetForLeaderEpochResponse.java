package io.tributary.wire.api.offsetforleaderepoch;

import io.tributary.common.ErrorCode;
import java.util.List;

/** An OffsetForLeaderEpoch response. */
public record OffsetForLeaderEpochResponse(int throttleTimeMs, List<Topic> topics) {

    public OffsetForLeaderEpochResponse {
        topics = List.copyOf(topics);
    }

    public record Topic(String topic, List<EpochEndOffset> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * @param leaderEpoch the largest epoch at or below the one asked for that the log knows, -1 if none
     * @param endOffset   the offset where that epoch ends (the next epoch's start, or the log end), -1 if unknown
     */
    public record EpochEndOffset(ErrorCode error, int partition, int leaderEpoch, long endOffset) {

        public static EpochEndOffset failed(int partition, ErrorCode error) {
            return new EpochEndOffset(error, partition, -1, -1L);
        }
    }
}

package io.tributary.wire.api.listoffsets;

import io.tributary.wire.api.IsolationLevel;
import java.util.List;

/**
 * A ListOffsets request: for each partition, the offset at a timestamp or one of the special
 * timestamps below.
 *
 * @param replicaId      -1 for consumers, a broker id for followers
 * @param isolationLevel v2+; read-uncommitted before
 * @param timeoutMs      v10+; 0 before
 */
public record ListOffsetsRequest(int replicaId, IsolationLevel isolationLevel, List<Topic> topics, int timeoutMs) {

    /** The log end offset (or last stable offset for read-committed). */
    public static final long LATEST_TIMESTAMP = -1L;
    /** The log start offset. */
    public static final long EARLIEST_TIMESTAMP = -2L;
    /** The offset of the record with the largest timestamp (KIP-734, v7+). */
    public static final long MAX_TIMESTAMP = -3L;
    /** The local log start offset (KIP-405, v8+); without tiered storage, the log start offset. */
    public static final long EARLIEST_LOCAL_TIMESTAMP = -4L;
    /** The highest offset in tiered storage (KIP-1005, v9+); without tiered storage, none. */
    public static final long LATEST_TIERED_TIMESTAMP = -5L;

    public ListOffsetsRequest {
        topics = List.copyOf(topics);
    }

    public record Topic(String name, List<Partition> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * @param currentLeaderEpoch v4+, -1 when unknown (no fencing)
     * @param timestamp          a timestamp in ms, or one of the special values above
     */
    public record Partition(int partition, int currentLeaderEpoch, long timestamp) {
    }
}

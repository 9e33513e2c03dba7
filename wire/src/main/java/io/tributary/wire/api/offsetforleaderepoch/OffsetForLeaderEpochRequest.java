package io.tributary.wire.api.offsetforleaderepoch;

import java.util.List;

/**
 * An OffsetForLeaderEpoch request: for each partition, where the given leader epoch ends in the
 * leader's log. The Java consumer sends it to validate its position after a leader change (KIP-320);
 * a follower may send it to find its truncation point.
 *
 * @param replicaId v3+: a broker id for followers, {@link #CONSUMER_REPLICA_ID} for consumers;
 *                  reads {@link #DEBUGGING_REPLICA_ID} before v3, as Kafka defines
 */
public record OffsetForLeaderEpochRequest(int replicaId, List<Topic> topics) {

    /** A consumer: it may only see offsets below the high watermark. */
    public static final int CONSUMER_REPLICA_ID = -1;
    /** What versions before 3 mean: a client allowed to see past the high watermark. */
    public static final int DEBUGGING_REPLICA_ID = -2;

    public OffsetForLeaderEpochRequest {
        topics = List.copyOf(topics);
    }

    public record Topic(String topic, List<Partition> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * @param currentLeaderEpoch the epoch the sender believes the leader is in, for fencing; -1 for no check
     * @param leaderEpoch        the epoch whose end offset is asked for
     */
    public record Partition(int partition, int currentLeaderEpoch, int leaderEpoch) {
    }
}

package io.tributary.wire.api.fetch;

import io.tributary.common.TopicId;
import io.tributary.wire.api.IsolationLevel;
import java.util.List;

/**
 * A Fetch request, from a consumer ({@code replicaId} -1) or a follower ({@code replicaId} >= 0).
 *
 * @param replicaId    the fetching broker, or -1 for a consumer; read from {@code ReplicaState} from v15
 * @param replicaEpoch the follower's broker epoch (v15+), -1 otherwise
 * @param sessionId    0 and {@code sessionEpoch} -1 mean a full fetch without a session (v7+; always so before)
 * @param rackId       the consumer's rack (v11+), "" if none
 * @param clusterId    v12+, null if the client did not say
 */
public record FetchRequest(
        int replicaId,
        long replicaEpoch,
        int maxWaitMs,
        int minBytes,
        int maxBytes,
        IsolationLevel isolationLevel,
        int sessionId,
        int sessionEpoch,
        List<Topic> topics,
        List<ForgottenTopic> forgottenTopics,
        String rackId,
        String clusterId) {

    /** The metadata log's topic, which brokers long-poll on the active controller (docs/design/cluster.md). */
    public static final String CLUSTER_METADATA_TOPIC = "__cluster_metadata";
    /** Its topic id, fixed by Kafka: what Fetch v13+ names it by, since those versions carry no names. */
    public static final TopicId CLUSTER_METADATA_TOPIC_ID = new TopicId(0L, 1L);

    public FetchRequest {
        topics = List.copyOf(topics);
        forgottenTopics = List.copyOf(forgottenTopics);
    }

    public boolean fromFollower() {
        return replicaId >= 0;
    }

    /** Before v13 the topic is named ({@code topicId} ZERO); from v13 it is identified by id ({@code name} null). */
    public record Topic(String name, TopicId topicId, List<Partition> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
            topicId = topicId == null ? TopicId.ZERO : topicId;
        }
    }

    /**
     * @param currentLeaderEpoch v9+, -1 when the client does not know it (no fencing)
     * @param lastFetchedEpoch   v12+, -1 unless a follower is checking for divergence
     * @param logStartOffset     v5+, a follower's log start offset, -1 for consumers
     */
    public record Partition(
            int partition,
            int currentLeaderEpoch,
            long fetchOffset,
            int lastFetchedEpoch,
            long logStartOffset,
            int partitionMaxBytes) {
    }

    /** Partitions an incremental fetch session should stop tracking (v7+). */
    public record ForgottenTopic(String name, TopicId topicId, List<Integer> partitions) {

        public ForgottenTopic {
            partitions = List.copyOf(partitions);
            topicId = topicId == null ? TopicId.ZERO : topicId;
        }
    }
}

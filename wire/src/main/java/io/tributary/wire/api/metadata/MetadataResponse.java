package io.tributary.wire.api.metadata;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import java.util.List;

/**
 * A Metadata response. Fields a version does not carry are dropped when encoding: rack (v1+),
 * cluster id (v2+), controller id (v1+), isInternal (v1+), leader epoch (v7+), offline replicas
 * (v5+), authorized operations (v8+; cluster-level v8-10 only), topic ids (v10+), the top-level
 * error (v13+).
 *
 * @param clusterId    null if unknown
 * @param controllerId -1 if unknown
 * @param clusterAuthorizedOperations {@link #OPERATIONS_OMITTED} unless asked for
 * @param error        top-level error (v13+, e.g. {@code REBOOTSTRAP_REQUIRED}); NONE otherwise
 */
public record MetadataResponse(
        int throttleTimeMs,
        List<Broker> brokers,
        String clusterId,
        int controllerId,
        List<Topic> topics,
        int clusterAuthorizedOperations,
        ErrorCode error) {

    /** Kafka's "not requested" value for the authorized-operations bit fields. */
    public static final int OPERATIONS_OMITTED = Integer.MIN_VALUE;

    public MetadataResponse {
        brokers = List.copyOf(brokers);
        topics = List.copyOf(topics);
    }

    /** @param rack null when the broker has no rack */
    public record Broker(int nodeId, String host, int port, String rack) {
    }

    /**
     * @param name    null only when an id-based request (v10+) named a topic id we do not know; sent as "" before v12
     * @param topicId {@link TopicId#ZERO} when unknown
     */
    public record Topic(
            ErrorCode error,
            String name,
            TopicId topicId,
            boolean isInternal,
            List<Partition> partitions,
            int topicAuthorizedOperations) {

        public Topic {
            partitions = List.copyOf(partitions);
            topicId = topicId == null ? TopicId.ZERO : topicId;
        }
    }

    /** @param leaderId -1 when there is no leader; @param leaderEpoch -1 when unknown */
    public record Partition(
            ErrorCode error,
            int partitionIndex,
            int leaderId,
            int leaderEpoch,
            List<Integer> replicaNodes,
            List<Integer> isrNodes,
            List<Integer> offlineReplicas) {

        public Partition {
            replicaNodes = List.copyOf(replicaNodes);
            isrNodes = List.copyOf(isrNodes);
            offlineReplicas = List.copyOf(offlineReplicas);
        }
    }
}

package io.tributary.sim;

import io.tributary.common.ErrorCode;
import io.tributary.coordinator.api.CoordinatorRequest;
import io.tributary.coordinator.api.CoordinatorResponse;
import io.tributary.metadata.controller.api.AlterPartitionRequest;
import io.tributary.metadata.controller.api.AlterPartitionResponse;
import io.tributary.metadata.controller.api.BrokerHeartbeatResponse;
import io.tributary.metadata.controller.api.RegisterBrokerResponse;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.replication.partition.EpochEndOffset;

import java.util.List;
import java.util.UUID;

/**
 * What simulated nodes send each other. The fields are what the real requests carry for the
 * paths simulated; partitions are numbered by their index (see {@link SimTopics}).
 */
sealed interface Message {

    /** A committed metadata batch at its offset in the metadata log. */
    record MetadataBatch(long offset, List<MetadataRecord> records) {
        @Override
        public String toString() {
            return "@" + offset + records;
        }
    }

    // ---- broker -> controller

    record Register(int brokerId, UUID incarnationId, long metadataOffset, long previousBrokerEpoch) implements Message {
    }

    record Heartbeat(int brokerId, long brokerEpoch, long metadataOffset, boolean wantShutDown) implements Message {
    }

    record AlterPartition(long requestId, AlterPartitionRequest request) implements Message {
    }

    /** The network tells the controller that a broker's connection closed (its process died). */
    record ConnectionClosed(int brokerId, long brokerEpoch) implements Message {
    }

    // ---- controller -> broker; replies carry the committed metadata the broker lacks

    record RegisterReply(RegisterBrokerResponse response, List<MetadataBatch> metadata) implements Message {
    }

    record HeartbeatReply(BrokerHeartbeatResponse response, List<MetadataBatch> metadata) implements Message {
    }

    record AlterPartitionReply(long requestId, AlterPartitionResponse response) implements Message {
    }

    record MetadataPush(List<MetadataBatch> metadata) implements Message {
    }

    // ---- follower <-> leader

    record Fetch(long fetchId, int partition, int replicaId, long brokerEpoch, long fetchOffset, int lastFetchedEpoch,
                 int currentLeaderEpoch) implements Message {
    }

    /**
     * @param divergingEpoch null unless the follower's log diverges
     * @param leaderLogEndOffset the leader's log end (what OFFSET_OUT_OF_RANGE reports)
     */
    record FetchReply(long fetchId, int partition, ErrorCode error, long highWatermark, EpochEndOffset divergingEpoch,
                      List<Batch> batches, long leaderLogEndOffset) implements Message {
    }

    // ---- clients <-> leader

    /** A produce request with one batch; acks is 0, 1 or -1. */
    record Produce(long requestId, int partition, short acks, int count, long producerId, short producerEpoch,
                   int baseSequence, long payloadId) implements Message {
    }

    record ProduceReply(long requestId, ErrorCode error, long baseOffset) implements Message {
    }

    record ConsumerFetch(long requestId, int partition, long offset) implements Message {
    }

    record ConsumerFetchReply(long requestId, ErrorCode error, List<Batch> batches, long highWatermark) implements Message {
    }

    // ---- group clients <-> group coordinator

    /** A group request (JoinGroup, SyncGroup, Heartbeat, OffsetCommit) for the coordinator of {@code groupId}. */
    record GroupRequest(long requestId, String groupId, CoordinatorRequest request) implements Message {
    }

    record GroupReply(long requestId, CoordinatorResponse response) implements Message {
    }
}

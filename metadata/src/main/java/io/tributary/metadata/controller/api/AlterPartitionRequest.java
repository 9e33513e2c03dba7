package io.tributary.metadata.controller.api;

import io.tributary.common.TopicId;

import java.util.List;
import java.util.Objects;

/**
 * A partition leader proposes new ISRs (Kafka's AlterPartition v3: each ISR member with the broker
 * epoch the leader saw for it, or -1 when unknown).
 */
public record AlterPartitionRequest(int brokerId, long brokerEpoch, List<TopicData> topics)
        implements ControllerCommand<AlterPartitionResponse> {

    public AlterPartitionRequest {
        topics = List.copyOf(topics);
    }

    public record TopicData(TopicId topicId, List<PartitionData> partitions) {
        public TopicData {
            Objects.requireNonNull(topicId, "topicId");
            partitions = List.copyOf(partitions);
        }
    }

    public record PartitionData(int partition, int leaderEpoch, List<IsrMember> newIsr, int partitionEpoch) {
        public PartitionData {
            newIsr = List.copyOf(newIsr);
        }
    }

    public record IsrMember(int brokerId, long brokerEpoch) {
    }
}

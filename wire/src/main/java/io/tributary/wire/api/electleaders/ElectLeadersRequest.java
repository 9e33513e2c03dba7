package io.tributary.wire.api.electleaders;

import java.util.List;

/**
 * An ElectLeaders request ({@code kafka-leader-election.sh}, {@code Admin.electLeaders}).
 *
 * @param electionType    v1+; reads {@link ElectionType#PREFERRED} at v0, which had no other kind
 * @param topicPartitions the partitions to elect for, or null for every partition of every topic
 */
public record ElectLeadersRequest(ElectionType electionType, List<TopicPartitions> topicPartitions, int timeoutMs) {

    public ElectLeadersRequest {
        topicPartitions = topicPartitions == null ? null : List.copyOf(topicPartitions);
    }

    /** Whether the request asks for every partition (the wire's null list). */
    public boolean allPartitions() {
        return topicPartitions == null;
    }

    public record TopicPartitions(String topic, List<Integer> partitions) {

        public TopicPartitions {
            partitions = List.copyOf(partitions);
        }
    }
}

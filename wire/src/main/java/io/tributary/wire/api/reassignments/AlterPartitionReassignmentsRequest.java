package io.tributary.wire.api.reassignments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An AlterPartitionReassignments request ({@code kafka-reassign-partitions --execute/--cancel},
 * {@code Admin.alterPartitionReassignments}).
 *
 * @param allowReplicationFactorChange v1+ (KIP-860); reads true at v0, which had no such check
 */
public record AlterPartitionReassignmentsRequest(int timeoutMs, boolean allowReplicationFactorChange, List<Topic> topics) {

    public AlterPartitionReassignmentsRequest {
        topics = List.copyOf(topics);
    }

    public record Topic(String name, List<Partition> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * @param replicas the target replicas, or null to cancel the reassignment in progress; kept as
     *                 sent (duplicates, negative ids) for the controller to refuse
     */
    public record Partition(int partitionIndex, List<Integer> replicas) {

        public Partition {
            replicas = replicas == null ? null : Collections.unmodifiableList(new ArrayList<>(replicas));
        }
    }
}

package io.tributary.metadata.controller.api;

import io.tributary.common.TopicPartition;

import java.util.List;
import java.util.Objects;

/**
 * AlterPartitionReassignments (KIP-455): move each named partition to its target replicas, or
 * cancel the reassignment in progress where the target is null.
 *
 * @param allowReplicationFactorChange false refuses a target whose size differs from the current
 *                                     replica count (KIP-860); older requests allow it
 */
public record AlterPartitionReassignmentsRequest(List<Reassignment> reassignments, boolean allowReplicationFactorChange)
        implements ControllerCommand<AlterPartitionReassignmentsResponse> {

    public AlterPartitionReassignmentsRequest {
        reassignments = List.copyOf(reassignments);
    }

    /** @param targetReplicas the new replica set, first the preferred leader; null cancels */
    public record Reassignment(TopicPartition partition, List<Integer> targetReplicas) {

        public Reassignment {
            Objects.requireNonNull(partition, "partition");
            // The list may hold anything a client sent (duplicates, negative ids): the controller checks it.
            targetReplicas = targetReplicas == null ? null : List.copyOf(targetReplicas);
        }

        public boolean isCancel() {
            return targetReplicas == null;
        }
    }
}

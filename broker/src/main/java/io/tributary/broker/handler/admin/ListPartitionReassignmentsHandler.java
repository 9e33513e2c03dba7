package io.tributary.broker.handler.admin;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.broker.image.MetadataView;
import io.tributary.common.ErrorCode;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.wire.api.reassignments.ListPartitionReassignmentsRequest;
import io.tributary.wire.api.reassignments.ListPartitionReassignmentsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ListPartitionReassignments ({@code kafka-reassign-partitions --verify/--list},
 * {@code Admin.listPartitionReassignments}): the reassignments in progress among the partitions
 * named (every partition for a null list), with the full replica set and the adding and removing
 * replicas. Every broker answers from its own metadata image, which trails the controller by the
 * metadata propagation delay (milliseconds); Kafka forwards to the controller instead, and an
 * unknown topic or partition is left out as Kafka's controller leaves it out.
 */
public final class ListPartitionReassignmentsHandler
        implements ApiHandler<ListPartitionReassignmentsRequest, ListPartitionReassignmentsResponse> {

    private final MetadataView metadata;

    public ListPartitionReassignmentsHandler(MetadataView metadata) {
        this.metadata = metadata;
    }

    @Override
    public CompletableFuture<ListPartitionReassignmentsResponse> handle(RequestContext ctx, ListPartitionReassignmentsRequest request) {
        MetadataImage image = metadata.image();
        List<ListPartitionReassignmentsResponse.TopicResult> out = new ArrayList<>();
        if (request.topics() == null) {
            for (TopicImage t : image.topics().values()) {
                List<Integer> all = new ArrayList<>();
                for (int p = 0; p < t.partitionCount(); p++) {
                    all.add(p);
                }
                addOngoing(out, t, all);
            }
        } else {
            for (ListPartitionReassignmentsRequest.Topic named : request.topics()) {
                TopicImage t = image.topic(named.name());
                if (t != null) {
                    addOngoing(out, t, named.partitionIndexes());
                }
            }
        }
        return CompletableFuture.completedFuture(new ListPartitionReassignmentsResponse(0, ErrorCode.NONE, null, out));
    }

    private static void addOngoing(List<ListPartitionReassignmentsResponse.TopicResult> out, TopicImage t, List<Integer> partitions) {
        List<ListPartitionReassignmentsResponse.PartitionResult> ongoing = new ArrayList<>();
        for (int p : partitions) {
            PartitionRegistration reg = t.partition(p);
            if (reg != null && reg.isReassigning()) {
                ongoing.add(new ListPartitionReassignmentsResponse.PartitionResult(p, reg.replicas(), reg.addingReplicas(),
                        reg.removingReplicas()));
            }
        }
        if (!ongoing.isEmpty()) {
            out.add(new ListPartitionReassignmentsResponse.TopicResult(t.name(), ongoing));
        }
    }
}

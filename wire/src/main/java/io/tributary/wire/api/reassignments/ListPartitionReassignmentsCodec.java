package io.tributary.wire.api.reassignments;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData;

/**
 * ListPartitionReassignments (key 46, KIP-455), version 0, flexible.
 *
 * <p>Normalisation: a null topic list (every partition) stays null.
 */
public final class ListPartitionReassignmentsCodec implements ApiCodec<ListPartitionReassignmentsRequest, ListPartitionReassignmentsResponse> {

    public static final short API_KEY = 46;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final ListPartitionReassignmentsCodec INSTANCE = new ListPartitionReassignmentsCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "ListPartitionReassignments";
    }

    @Override
    public short minVersion() {
        return ListPartitionReassignmentsRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return ListPartitionReassignmentsRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public ListPartitionReassignmentsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new ListPartitionReassignmentsRequestData(), body, header.apiVersion(), d -> new ListPartitionReassignmentsRequest(
                d.timeoutMs(), d.topics() == null ? null : Convert.mapAll(d.topics(),
                        t -> new ListPartitionReassignmentsRequest.Topic(t.name(), Convert.ints(t.partitionIndexes())))));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, ListPartitionReassignmentsResponse r) {
        ListPartitionReassignmentsResponseData d = new ListPartitionReassignmentsResponseData()
                .setThrottleTimeMs(r.throttleTimeMs()).setErrorCode(Convert.code(r.error())).setErrorMessage(r.errorMessage());
        for (ListPartitionReassignmentsResponse.TopicResult t : r.topics()) {
            d.topics().add(new ListPartitionReassignmentsResponseData.OngoingTopicReassignment().setName(t.name())
                    .setPartitions(Convert.map(t.partitions(), p -> new ListPartitionReassignmentsResponseData.OngoingPartitionReassignment()
                            .setPartitionIndex(p.partitionIndex()).setReplicas(new ArrayList<>(p.replicas()))
                            .setAddingReplicas(new ArrayList<>(p.addingReplicas())).setRemovingReplicas(new ArrayList<>(p.removingReplicas())))));
        }
        return ResponseEncoder.encode(header, d);
    }

    /** The request fails as a whole: the response lists nothing. */
    @Override
    public ListPartitionReassignmentsResponse errorResponse(RequestHeader header, ListPartitionReassignmentsRequest request,
                                                            ErrorCode error) {
        return new ListPartitionReassignmentsResponse(0, error, null, List.of());
    }
}

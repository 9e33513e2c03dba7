package io.tributary.wire.api.reassignments;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData;

/**
 * AlterPartitionReassignments (key 45, KIP-455), versions 0-1, all flexible. v1 adds
 * {@code allowReplicationFactorChange} (KIP-860) to the request and echoes it in the response.
 *
 * <p>Normalisation: {@code allowReplicationFactorChange} reads true at v0; a null replica list (a
 * cancellation) stays null.
 */
public final class AlterPartitionReassignmentsCodec
        implements ApiCodec<AlterPartitionReassignmentsRequest, AlterPartitionReassignmentsResponse> {

    public static final short API_KEY = 45;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final AlterPartitionReassignmentsCodec INSTANCE = new AlterPartitionReassignmentsCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "AlterPartitionReassignments";
    }

    @Override
    public short minVersion() {
        return AlterPartitionReassignmentsRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return AlterPartitionReassignmentsRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public AlterPartitionReassignmentsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new AlterPartitionReassignmentsRequestData(), body, header.apiVersion(), d -> new AlterPartitionReassignmentsRequest(
                d.timeoutMs(), header.apiVersion() < 1 || d.allowReplicationFactorChange(),
                Convert.mapAll(d.topics(), t -> new AlterPartitionReassignmentsRequest.Topic(t.name(),
                        Convert.mapAll(t.partitions(), p -> new AlterPartitionReassignmentsRequest.Partition(p.partitionIndex(),
                                p.replicas()))))));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, AlterPartitionReassignmentsResponse r) {
        return ResponseEncoder.encode(header, AlterPartitionReassignmentsWire.responseData(header.apiVersion(), r));
    }

    /** Every partition of the request fails with {@code error}, and so does the request as a whole. */
    @Override
    public AlterPartitionReassignmentsResponse errorResponse(RequestHeader header, AlterPartitionReassignmentsRequest request,
                                                             ErrorCode error) {
        return new AlterPartitionReassignmentsResponse(0, error, null, Convert.map(request.topics(),
                t -> new AlterPartitionReassignmentsResponse.TopicResult(t.name(), Convert.map(t.partitions(),
                        p -> new AlterPartitionReassignmentsResponse.PartitionResult(p.partitionIndex(), error, null)))));
    }
}

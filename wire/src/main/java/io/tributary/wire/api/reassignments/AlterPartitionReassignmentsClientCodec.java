package io.tributary.wire.api.reassignments;

import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData;

/**
 * The client side of AlterPartitionReassignments (key 45): a broker forwarding an admin's request
 * to the active controller. Default version {@value #DEFAULT_VERSION}, which carries
 * {@code allowReplicationFactorChange}.
 */
public final class AlterPartitionReassignmentsClientCodec extends AbstractClientCodec<AlterPartitionReassignmentsRequest,
        AlterPartitionReassignmentsResponse, AlterPartitionReassignmentsRequestData, AlterPartitionReassignmentsResponseData> {

    public static final short DEFAULT_VERSION = 1;

    public static final AlterPartitionReassignmentsClientCodec INSTANCE = new AlterPartitionReassignmentsClientCodec();

    private AlterPartitionReassignmentsClientCodec() {
        super(AlterPartitionReassignmentsCodec.API_KEY, "AlterPartitionReassignments",
                AlterPartitionReassignmentsRequestData.LOWEST_SUPPORTED_VERSION,
                AlterPartitionReassignmentsRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected AlterPartitionReassignmentsRequestData requestData(short version, AlterPartitionReassignmentsRequest r) {
        return AlterPartitionReassignmentsWire.requestData(version, r);
    }

    @Override
    protected AlterPartitionReassignmentsResponseData emptyResponse() {
        return new AlterPartitionReassignmentsResponseData();
    }

    @Override
    protected AlterPartitionReassignmentsResponse response(short version, AlterPartitionReassignmentsResponseData d) {
        return new AlterPartitionReassignmentsResponse(d.throttleTimeMs(), Convert.error(d.errorCode()), d.errorMessage(),
                Convert.mapAll(d.responses(), t -> new AlterPartitionReassignmentsResponse.TopicResult(t.name(),
                        Convert.mapAll(t.partitions(), p -> new AlterPartitionReassignmentsResponse.PartitionResult(p.partitionIndex(),
                                Convert.error(p.errorCode()), p.errorMessage())))));
    }
}

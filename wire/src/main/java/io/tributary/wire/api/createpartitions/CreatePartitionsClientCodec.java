package io.tributary.wire.api.createpartitions;

import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;

/**
 * The client side of CreatePartitions (key 37): a broker forwarding a client's request to the active
 * controller. Default version {@value #DEFAULT_VERSION}. An empty assignment list is sent as the
 * wire's null (the controller chooses the replicas).
 */
public final class CreatePartitionsClientCodec
        extends AbstractClientCodec<CreatePartitionsRequest, CreatePartitionsResponse, CreatePartitionsRequestData, CreatePartitionsResponseData> {

    public static final short DEFAULT_VERSION = 3;

    public static final CreatePartitionsClientCodec INSTANCE = new CreatePartitionsClientCodec();

    private CreatePartitionsClientCodec() {
        super(CreatePartitionsCodec.API_KEY, "CreatePartitions", CreatePartitionsRequestData.LOWEST_SUPPORTED_VERSION,
                CreatePartitionsRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected CreatePartitionsRequestData requestData(short version, CreatePartitionsRequest r) {
        CreatePartitionsRequestData d = new CreatePartitionsRequestData().setTimeoutMs(r.timeoutMs()).setValidateOnly(r.validateOnly());
        for (CreatePartitionsRequest.Topic t : r.topics()) {
            List<CreatePartitionsRequestData.CreatePartitionsAssignment> assignments = null;
            if (!t.assignments().isEmpty()) {
                assignments = new ArrayList<>();
                for (List<Integer> replicas : t.assignments()) {
                    assignments.add(new CreatePartitionsRequestData.CreatePartitionsAssignment().setBrokerIds(new ArrayList<>(replicas)));
                }
            }
            d.topics().add(new CreatePartitionsRequestData.CreatePartitionsTopic().setName(t.name()).setCount(t.count())
                    .setAssignments(assignments));
        }
        return d;
    }

    @Override
    protected CreatePartitionsResponseData emptyResponse() {
        return new CreatePartitionsResponseData();
    }

    @Override
    protected CreatePartitionsResponse response(short version, CreatePartitionsResponseData d) {
        return new CreatePartitionsResponse(d.throttleTimeMs(), Convert.map(d.results(),
                t -> new CreatePartitionsResponse.Result(t.name(), Convert.error(t.errorCode()), t.errorMessage())));
    }
}

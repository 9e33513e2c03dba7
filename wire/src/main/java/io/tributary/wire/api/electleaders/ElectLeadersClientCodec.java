package io.tributary.wire.api.electleaders;

import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import java.util.ArrayList;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.ElectLeadersResponseData;

/**
 * The client side of ElectLeaders (key 43): a broker forwarding an admin's election to the active
 * controller. Default version {@value #DEFAULT_VERSION}. An unclean election needs v1+ and is refused
 * at v0 rather than sent as a preferred one. The response's top-level error reads NONE at v0.
 */
public final class ElectLeadersClientCodec
        extends AbstractClientCodec<ElectLeadersRequest, ElectLeadersResponse, ElectLeadersRequestData, ElectLeadersResponseData> {

    public static final short DEFAULT_VERSION = 2;

    public static final ElectLeadersClientCodec INSTANCE = new ElectLeadersClientCodec();

    private ElectLeadersClientCodec() {
        super(ElectLeadersCodec.API_KEY, "ElectLeaders", ElectLeadersRequestData.LOWEST_SUPPORTED_VERSION,
                ElectLeadersRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected ElectLeadersRequestData requestData(short version, ElectLeadersRequest r) {
        ElectLeadersRequestData d = new ElectLeadersRequestData().setElectionType(r.electionType().code()).setTimeoutMs(r.timeoutMs());
        if (r.allPartitions()) {
            d.setTopicPartitions(null);
        } else {
            for (ElectLeadersRequest.TopicPartitions t : r.topicPartitions()) {
                d.topicPartitions().add(new ElectLeadersRequestData.TopicPartitions()
                        .setTopic(t.topic()).setPartitions(new ArrayList<>(t.partitions())));
            }
        }
        return d;
    }

    @Override
    protected ElectLeadersResponseData emptyResponse() {
        return new ElectLeadersResponseData();
    }

    @Override
    protected ElectLeadersResponse response(short version, ElectLeadersResponseData d) {
        return new ElectLeadersResponse(d.throttleTimeMs(), Convert.error(d.errorCode()), Convert.map(d.replicaElectionResults(),
                t -> new ElectLeadersResponse.TopicResult(t.topic(), Convert.map(t.partitionResult(),
                        p -> new ElectLeadersResponse.PartitionResult(p.partitionId(), Convert.error(p.errorCode()), p.errorMessage())))));
    }
}

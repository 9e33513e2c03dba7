package io.tributary.broker.net.client;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatRequest;
import io.tributary.wire.api.createtopics.CreateTopicsRequest;
import io.tributary.wire.api.createtopics.CreateTopicsResponse;
import io.tributary.wire.api.describecluster.DescribeClusterRequest;
import io.tributary.wire.api.describecluster.DescribeClusterResponse;
import java.util.List;

/** Requests and answers the client tests exchange with fake peers. */
final class Requests {

    private Requests() {
    }

    static final DescribeClusterRequest DESCRIBE_CONTROLLERS =
            new DescribeClusterRequest(false, DescribeClusterRequest.ENDPOINT_TYPE_CONTROLLERS, false);

    static CreateTopicsRequest createTopic(String name) {
        return new CreateTopicsRequest(List.of(new CreateTopicsRequest.Topic(name, 1, (short) 1, List.of(), List.of())), 5_000, false);
    }

    static BrokerHeartbeatRequest heartbeat(int brokerId) {
        return new BrokerHeartbeatRequest(brokerId, 10L, 0L, false, false, List.of());
    }

    static String topicOf(CreateTopicsRequest r) {
        return r.topics().get(0).name();
    }

    /** The answer that echoes the request's topic name, so a test can tell answers apart. */
    static CreateTopicsResponse created(CreateTopicsRequest r) {
        return new CreateTopicsResponse(0, r.topics().stream()
                .map(t -> new CreateTopicsResponse.TopicResult(t.name(), TopicId.ZERO, ErrorCode.NONE, null, ErrorCode.NONE,
                        1, (short) 1, List.of()))
                .toList());
    }

    static String topicOf(CreateTopicsResponse r) {
        return r.topics().get(0).name();
    }

    static DescribeClusterResponse controllers(String clusterId, int activeId, List<DescribeClusterResponse.Broker> controllers) {
        return new DescribeClusterResponse(0, ErrorCode.NONE, null, DescribeClusterRequest.ENDPOINT_TYPE_CONTROLLERS, clusterId,
                activeId, controllers, Integer.MIN_VALUE);
    }
}

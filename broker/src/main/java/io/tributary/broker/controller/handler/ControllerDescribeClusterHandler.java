package io.tributary.broker.controller.handler;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.AuthorizedOperations;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.controller.ControllerDriver;
import io.tributary.quorum.QuorumVoter;
import io.tributary.quorum.QuorumVoters;
import io.tributary.wire.api.describecluster.DescribeClusterRequest;
import io.tributary.wire.api.describecluster.DescribeClusterResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeCluster on the CONTROLLER listener, with the controllers endpoint type (KIP-919): the
 * active controller's id, as this node knows it (-1 during an election), and every voter's
 * CONTROLLER endpoint. This is how a broker finds the active controller. The brokers endpoint type
 * is refused with {@code MISMATCHED_ENDPOINT_TYPE}, as Kafka's controllers do.
 */
final class ControllerDescribeClusterHandler implements ApiHandler<DescribeClusterRequest, DescribeClusterResponse> {

    private final ControllerDriver driver;
    private final QuorumVoters voters;

    ControllerDescribeClusterHandler(ControllerDriver driver, QuorumVoters voters) {
        this.driver = driver;
        this.voters = voters;
    }

    @Override
    public CompletableFuture<DescribeClusterResponse> handle(RequestContext ctx, DescribeClusterRequest request) {
        // The field is not nullable on the wire; before the first controller bootstraps the cluster id there is none yet.
        String clusterId = driver.committedImage().clusterId().orElse("");
        int ops = request.includeClusterAuthorizedOperations() ? AuthorizedOperations.CLUSTER : Integer.MIN_VALUE;
        if (request.endpointType() != DescribeClusterRequest.ENDPOINT_TYPE_CONTROLLERS) {
            return CompletableFuture.completedFuture(new DescribeClusterResponse(0, ErrorCode.MISMATCHED_ENDPOINT_TYPE,
                    "this is a controller endpoint; brokers are described by the brokers' listeners", request.endpointType(),
                    clusterId, -1, List.of(), ops));
        }
        List<DescribeClusterResponse.Broker> controllers = new ArrayList<>();
        for (QuorumVoter v : voters.voters()) {
            controllers.add(new DescribeClusterResponse.Broker(v.id(), v.host(), v.port(), null, false));
        }
        int active = driver.activeControllerId().orElse(-1);
        return CompletableFuture.completedFuture(new DescribeClusterResponse(0, ErrorCode.NONE, null, request.endpointType(),
                clusterId, active, controllers, ops));
    }
}

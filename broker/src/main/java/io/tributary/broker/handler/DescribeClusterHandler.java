package io.tributary.broker.handler;

import io.tributary.broker.image.MetadataView;
import io.tributary.common.ErrorCode;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.wire.api.describecluster.DescribeClusterRequest;
import io.tributary.wire.api.describecluster.DescribeClusterResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** DescribeCluster: the cluster id, a controller id clients can reach (this node) and the brokers on the request's listener. */
public final class DescribeClusterHandler implements ApiHandler<DescribeClusterRequest, DescribeClusterResponse> {

    private final MetadataView metadata;
    private final int nodeId;

    public DescribeClusterHandler(MetadataView metadata, int nodeId) {
        this.metadata = metadata;
        this.nodeId = nodeId;
    }

    @Override
    public CompletableFuture<DescribeClusterResponse> handle(RequestContext ctx, DescribeClusterRequest request) {
        MetadataImage image = metadata.image();
        int ops = request.includeClusterAuthorizedOperations() ? AuthorizedOperations.CLUSTER : Integer.MIN_VALUE;
        if (request.endpointType() != DescribeClusterRequest.ENDPOINT_TYPE_BROKERS) {
            return CompletableFuture.completedFuture(new DescribeClusterResponse(0, ErrorCode.MISMATCHED_ENDPOINT_TYPE,
                    "this is a broker endpoint; controller endpoints are not served here", request.endpointType(),
                    image.clusterId().orElse(null), -1, List.of(), ops));
        }
        List<DescribeClusterResponse.Broker> brokers = new ArrayList<>();
        for (BrokerRegistration b : image.brokers().values()) {
            if (b.fenced() && !request.includeFencedBrokers()) {
                continue;
            }
            b.endpoint(ctx.listenerName()).ifPresent(e ->
                    brokers.add(new DescribeClusterResponse.Broker(b.brokerId(), e.host(), e.port(), b.rack(), b.fenced())));
        }
        return CompletableFuture.completedFuture(new DescribeClusterResponse(0, ErrorCode.NONE, null, request.endpointType(),
                image.clusterId().orElse(null), nodeId, brokers, ops));
    }
}

package io.tributary.wire.api.describecluster;

import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;

/**
 * The client side of DescribeCluster (key 60): how a broker asks any voter which controller is
 * active ({@code endpointType} 2). Default version {@value #DEFAULT_VERSION}. Asking for controllers
 * needs v1+; a v0 request for them is refused rather than silently sent as a request for brokers.
 */
public final class DescribeClusterClientCodec
        extends AbstractClientCodec<DescribeClusterRequest, DescribeClusterResponse, DescribeClusterRequestData, DescribeClusterResponseData> {

    public static final short DEFAULT_VERSION = 2;

    public static final DescribeClusterClientCodec INSTANCE = new DescribeClusterClientCodec();

    private DescribeClusterClientCodec() {
        super(DescribeClusterCodec.API_KEY, "DescribeCluster", DescribeClusterRequestData.LOWEST_SUPPORTED_VERSION,
                DescribeClusterRequestData.HIGHEST_SUPPORTED_VERSION, DEFAULT_VERSION);
    }

    @Override
    protected DescribeClusterRequestData requestData(short version, DescribeClusterRequest r) {
        return new DescribeClusterRequestData()
                .setIncludeClusterAuthorizedOperations(r.includeClusterAuthorizedOperations())
                .setEndpointType(r.endpointType())
                .setIncludeFencedBrokers(r.includeFencedBrokers());
    }

    @Override
    protected DescribeClusterResponseData emptyResponse() {
        return new DescribeClusterResponseData();
    }

    @Override
    protected DescribeClusterResponse response(short version, DescribeClusterResponseData d) {
        return new DescribeClusterResponse(
                d.throttleTimeMs(),
                Convert.error(d.errorCode()),
                d.errorMessage(),
                d.endpointType(),
                d.clusterId(),
                d.controllerId(),
                Convert.mapAll(d.brokers(), b -> new DescribeClusterResponse.Broker(b.brokerId(), b.host(), b.port(), b.rack(), b.isFenced())),
                d.clusterAuthorizedOperations());
    }
}

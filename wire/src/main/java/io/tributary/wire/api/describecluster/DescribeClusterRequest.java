package io.tributary.wire.api.describecluster;

/**
 * A DescribeCluster request.
 *
 * @param endpointType          v1+: 1 = brokers, 2 = controllers (KIP-919); reads 1 before
 * @param includeFencedBrokers  v2+; false before
 */
public record DescribeClusterRequest(boolean includeClusterAuthorizedOperations, byte endpointType, boolean includeFencedBrokers) {

    public static final byte ENDPOINT_TYPE_BROKERS = 1;
    public static final byte ENDPOINT_TYPE_CONTROLLERS = 2;
}

package io.tributary.wire.api.describecluster;

import io.tributary.common.ErrorCode;
import java.util.List;

/**
 * A DescribeCluster response. The endpoint type is dropped before v1, the fenced flag before v2.
 *
 * @param errorMessage null for none
 * @param clusterAuthorizedOperations {@code Integer.MIN_VALUE} unless asked for
 */
public record DescribeClusterResponse(
        int throttleTimeMs,
        ErrorCode error,
        String errorMessage,
        byte endpointType,
        String clusterId,
        int controllerId,
        List<Broker> brokers,
        int clusterAuthorizedOperations) {

    public DescribeClusterResponse {
        brokers = List.copyOf(brokers);
    }

    /** @param rack null when the broker has no rack */
    public record Broker(int brokerId, String host, int port, String rack, boolean isFenced) {
    }
}

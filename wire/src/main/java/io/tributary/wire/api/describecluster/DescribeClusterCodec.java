package io.tributary.wire.api.describecluster;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;

/**
 * DescribeCluster (key 60), versions 0-2: the Java admin client's way to list brokers
 * ({@code kafka-cluster.sh}, {@code describeCluster()}). Neither librdkafka 2.0.2 nor kafkajs 2.2.4
 * sends it; they use Metadata. Versions that matter: v1 (endpoint type, KIP-919), v2 (fenced brokers).
 *
 * <p>Normalisation: the endpoint type reads as brokers (1) before v1, includeFencedBrokers as false
 * before v2.
 */
public final class DescribeClusterCodec implements ApiCodec<DescribeClusterRequest, DescribeClusterResponse> {

    public static final short API_KEY = 60;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final DescribeClusterCodec INSTANCE = new DescribeClusterCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "DescribeCluster";
    }

    @Override
    public short minVersion() {
        return DescribeClusterRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return DescribeClusterRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public DescribeClusterRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new DescribeClusterRequestData(), body, header.apiVersion(), d -> new DescribeClusterRequest(
                d.includeClusterAuthorizedOperations(), d.endpointType(), d.includeFencedBrokers()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, DescribeClusterResponse r) {
        short version = header.apiVersion();
        DescribeClusterResponseData d = new DescribeClusterResponseData()
                .setThrottleTimeMs(r.throttleTimeMs())
                .setErrorCode(Convert.code(r.error()))
                .setErrorMessage(r.errorMessage())
                .setClusterId(r.clusterId())
                .setControllerId(r.controllerId())
                .setClusterAuthorizedOperations(r.clusterAuthorizedOperations());
        // The endpoint type and the fenced flag are refused with non-default values by versions that lack them.
        if (version >= 1) {
            d.setEndpointType(r.endpointType());
        }
        for (DescribeClusterResponse.Broker b : r.brokers()) {
            DescribeClusterResponseData.DescribeClusterBroker db = new DescribeClusterResponseData.DescribeClusterBroker()
                    .setBrokerId(b.brokerId()).setHost(b.host()).setPort(b.port()).setRack(b.rack());
            if (version >= 2) {
                db.setIsFenced(b.isFenced());
            }
            d.brokers().add(db);
        }
        return ResponseEncoder.encode(header, d);
    }

    /** The whole request fails with {@code error}: DescribeCluster has nothing finer to answer. */
    @Override
    public DescribeClusterResponse errorResponse(RequestHeader header, DescribeClusterRequest request, ErrorCode error) {
        return new DescribeClusterResponse(0, error, null, request.endpointType(), "", -1, List.of(), Integer.MIN_VALUE);
    }
}

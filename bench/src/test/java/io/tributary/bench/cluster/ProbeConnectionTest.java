package io.tributary.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.RequestUtils;
import org.junit.jupiter.api.Test;

/**
 * The probe's framing against a stand-in broker on a loopback socket: the request arrives as one
 * size-prefixed frame with the header and body the probe meant, and the answer is parsed back.
 */
class ProbeConnectionTest {

    @Test
    void metadataIsOneFramedRequestAndTheAnswerIsParsed() throws Exception {
        MetadataResponseData answer = new MetadataResponseData().setControllerId(2).setClusterId("c1");
        answer.topics().add(new MetadataResponseData.MetadataResponseTopic().setName("t").setPartitions(List.of(
                new MetadataResponseData.MetadataResponsePartition().setPartitionIndex(0).setLeaderId(3))));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<RequestHeader> seen = serveOne(server, answer);
            try (ProbeConnection probe = ProbeConnection.open("127.0.0.1:" + server.getLocalPort(), Duration.ofSeconds(5))) {
                MetadataResponseData got = probe.metadata(List.of("t"));
                assertThat(got.controllerId()).isEqualTo(2);
                assertThat(PropagationMeasurement.hasLeaders(got, "t")).as("one partition is not the 3 the bench creates").isFalse();
            }
            RequestHeader header = seen.get(5, TimeUnit.SECONDS);
            assertThat(header.apiKey()).isEqualTo(ApiKeys.METADATA);
            assertThat(header.apiVersion()).isEqualTo(ProbeConnection.METADATA_VERSION);
        }
    }

    @Test
    void describeClusterCarriesTheEndpointTypeAndReturnsTheController() throws Exception {
        DescribeClusterResponseData answer = new DescribeClusterResponseData().setControllerId(3)
                .setEndpointType(ProbeConnection.ENDPOINT_CONTROLLERS).setClusterId("c1");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<RequestHeader> seen = serveOne(server, answer);
            try (ProbeConnection probe = ProbeConnection.open("127.0.0.1:" + server.getLocalPort(), Duration.ofSeconds(5))) {
                assertThat(probe.describeCluster(ProbeConnection.ENDPOINT_CONTROLLERS).controllerId()).isEqualTo(3);
            }
            assertThat(seen.get(5, TimeUnit.SECONDS).apiKey()).isEqualTo(ApiKeys.DESCRIBE_CLUSTER);
        }
    }

    @Test
    void aTopicWithEveryPartitionLedCounts() {
        MetadataResponseData answer = new MetadataResponseData();
        MetadataResponseData.MetadataResponseTopic topic = new MetadataResponseData.MetadataResponseTopic().setName("t");
        for (int p = 0; p < PropagationMeasurement.PARTITIONS; p++) {
            topic.partitions().add(new MetadataResponseData.MetadataResponsePartition().setPartitionIndex(p).setLeaderId(p));
        }
        answer.topics().add(topic);
        assertThat(PropagationMeasurement.hasLeaders(answer, "t")).isTrue();
        topic.partitions().get(1).setLeaderId(-1);
        assertThat(PropagationMeasurement.hasLeaders(answer, "t")).as("a partition without a leader").isFalse();
        assertThat(PropagationMeasurement.hasLeaders(answer, "other")).isFalse();
    }

    /** Accepts one connection, reads one request frame, answers it with {@code body} at the request's version. */
    private static CompletableFuture<RequestHeader> serveOne(ServerSocket server, ApiMessage body) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = server.accept()) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                byte[] frame = new byte[in.readInt()];
                in.readFully(frame);
                ByteBuffer buffer = ByteBuffer.wrap(frame);
                RequestHeader header = RequestHeader.parse(buffer);
                // The body must parse as the request the header names, to the last byte.
                if (header.apiKey() == ApiKeys.METADATA) {
                    MetadataRequest.parse(new org.apache.kafka.common.protocol.ByteBufferAccessor(buffer), header.apiVersion());
                } else {
                    DescribeClusterRequest.parse(new org.apache.kafka.common.protocol.ByteBufferAccessor(buffer), header.apiVersion());
                }
                assertThat(buffer.remaining()).as("bytes after the request body").isZero();
                short headerVersion = header.apiKey().responseHeaderVersion(header.apiVersion());
                ByteBuffer response = RequestUtils.serialize(new ResponseHeaderData().setCorrelationId(header.correlationId()),
                        headerVersion, body, header.apiVersion());
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                out.writeInt(response.remaining());
                out.write(response.array(), response.arrayOffset() + response.position(), response.remaining());
                out.flush();
                in.read(); // wait for the probe to close, so the client side reads the whole answer first
                return header;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }
}

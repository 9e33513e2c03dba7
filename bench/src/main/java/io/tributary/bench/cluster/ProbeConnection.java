package io.tributary.bench.cluster;

import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

/**
 * A blocking connection to one node, for asking that node and no other: the Java clients pick
 * whichever broker they like, so "when does broker 3 know the topic" needs a request that goes to
 * broker 3. Requests and responses are the Kafka client's own message classes; one request is in
 * flight at a time, so a poller on this connection is a tight loop of round trips.
 *
 * <pre>
 *   request frame  = int32 size | request header | request body
 *   response frame = int32 size | response header | response body
 * </pre>
 */
final class ProbeConnection implements AutoCloseable {

    /** Metadata v12: topic ids, leader epochs; supported by both systems. */
    static final short METADATA_VERSION = 12;
    /** DescribeCluster v1 carries the endpoint type (KIP-919): 1 brokers, 2 controllers. */
    static final short DESCRIBE_CLUSTER_VERSION = 1;
    static final byte ENDPOINT_BROKERS = 1;
    static final byte ENDPOINT_CONTROLLERS = 2;
    private static final int RESPONSE_BYTES_MAX = 16 * 1024 * 1024;

    private final String address;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private int correlationId;

    private ProbeConnection(String address, Socket socket) throws IOException {
        this.address = address;
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    /** Connects to {@code host:port}; connecting and every read are bounded by {@code timeout}. */
    static ProbeConnection open(String address, Duration timeout) throws IOException {
        int colon = address.lastIndexOf(':');
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                    (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return new ProbeConnection(address, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The node's Metadata for {@code topics}, never creating one. */
    MetadataResponseData metadata(List<String> topics) throws IOException {
        return ((MetadataResponse) send(new MetadataRequest.Builder(topics, false).build(METADATA_VERSION))).data();
    }

    /** DescribeCluster for the given endpoint type; on a CONTROLLER listener, {@code controllerId} is the active controller. */
    DescribeClusterResponseData describeCluster(byte endpointType) throws IOException {
        DescribeClusterRequest request = new DescribeClusterRequest.Builder(new DescribeClusterRequestData()
                .setEndpointType(endpointType)).build(DESCRIBE_CLUSTER_VERSION);
        return ((DescribeClusterResponse) send(request)).data();
    }

    AbstractResponse send(AbstractRequest request) throws IOException {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), "bench-probe", ++correlationId);
        ByteBuffer frame = request.serializeWithHeader(header);
        out.writeInt(frame.remaining());
        out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
        out.flush();
        int size = in.readInt();
        if (size < 0 || size > RESPONSE_BYTES_MAX) {
            throw new IOException(address + " answered " + request.apiKey() + " with a frame of " + size + " bytes");
        }
        byte[] response = new byte[size];
        in.readFully(response);
        return AbstractResponse.parseResponse(ByteBuffer.wrap(response), header);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // The probe is finished either way; the kernel reclaims the socket.
        }
    }
}

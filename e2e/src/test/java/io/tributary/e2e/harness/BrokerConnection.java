package io.tributary.e2e.harness;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * A connection to one particular broker, for requests that must go to that broker and nowhere else.
 * The Java clients send a request to whichever broker they like best once they know the cluster, so
 * "what does broker 2 say" (Metadata), or "what does a broker that does not lead this partition
 * answer" (Produce), needs a connection of its own. Requests and responses are the Kafka client's own
 * message classes; requests go one at a time, each answer read before the next is sent.
 *
 * <pre>
 *   request frame  = int32 size | request header | request body
 *   response frame = int32 size | response header (int32 correlation id [, tagged fields]) | response body
 * </pre>
 */
public final class BrokerConnection implements AutoCloseable {
    /** Metadata v12: topic ids, leader epochs, offline replicas. */
    public static final short METADATA_VERSION = 12;
    private static final int RESPONSE_BYTES_MAX = 16 * 1024 * 1024;

    private final String address;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private int correlationId;

    private BrokerConnection(String address, Socket socket) throws IOException {
        this.address = address;
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    /** Connects to {@code host:port}; every read is bounded by {@code timeout}. */
    public static BrokerConnection open(String address, Duration timeout) {
        int colon = address.lastIndexOf(':');
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                    (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return new BrokerConnection(address, socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a socket that never connected: nothing to release.
            }
            throw new UncheckedIOException("cannot connect to " + address, e);
        }
    }

    /** One Metadata request, on a connection opened and closed for it. */
    public static MetadataResponseData metadataOf(String address, List<String> topics, Duration timeout) {
        try (BrokerConnection connection = open(address, timeout)) {
            return connection.metadata(topics);
        }
    }

    /** The broker's Metadata for {@code topics} (all topics when {@code null}), without creating any. */
    public MetadataResponseData metadata(List<String> topics) {
        MetadataRequest.Builder builder = topics == null ? MetadataRequest.Builder.allTopics()
                : new MetadataRequest.Builder(topics, false);
        return ((MetadataResponse) send(builder.build(METADATA_VERSION))).data();
    }

    /** Sends {@code request} at its version and returns the broker's answer. */
    public AbstractResponse send(AbstractRequest request) {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), "tributary-e2e-direct", ++correlationId);
        ByteBuffer body = request.serializeWithHeader(header);
        try {
            out.writeInt(body.remaining());
            out.write(body.array(), body.arrayOffset() + body.position(), body.remaining());
            out.flush();
            int size = in.readInt();
            if (size < 0 || size > RESPONSE_BYTES_MAX) {
                throw new AssertionError(address + " answered " + request.apiKey() + " with a frame of " + size + " bytes");
            }
            byte[] frame = new byte[size];
            in.readFully(frame);
            return AbstractResponse.parseResponse(ByteBuffer.wrap(frame), header);
        } catch (IOException e) {
            throw new UncheckedIOException(request.apiKey() + " request to " + address + " failed", e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // The probe is done either way; a failed close leaks nothing the kernel will not reclaim.
        }
    }
}

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
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Asks one particular broker for its Metadata, over a connection of its own. The Java clients send a
 * Metadata request to whichever broker they like best once they know the cluster, so "what does
 * broker 2 say" needs a request that goes to broker 2 and nowhere else. The request and response are
 * the Kafka client's own message classes (version {@value #VERSION}: topic ids, leader epochs,
 * offline replicas).
 *
 * <pre>
 *   request frame  = int32 size | request header v2 | MetadataRequest v12
 *   response frame = int32 size | response header v1 (int32 correlation id, tagged fields) | MetadataResponse v12
 * </pre>
 */
public final class MetadataProbe implements AutoCloseable {
    public static final short VERSION = 12;
    private static final int RESPONSE_BYTES_MAX = 16 * 1024 * 1024;

    private final String address;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private int correlationId;

    private MetadataProbe(String address, Socket socket) throws IOException {
        this.address = address;
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    /** Connects to {@code host:port}; every read is bounded by {@code timeout}. */
    public static MetadataProbe open(String address, Duration timeout) {
        int colon = address.lastIndexOf(':');
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                    (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return new MetadataProbe(address, socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a socket that never connected: nothing to release.
            }
            throw new UncheckedIOException("cannot connect to " + address, e);
        }
    }

    /** One request, on a connection opened and closed for it. */
    public static MetadataResponseData ask(String address, List<String> topics, Duration timeout) {
        try (MetadataProbe probe = open(address, timeout)) {
            return probe.metadata(topics);
        }
    }

    /** The broker's Metadata for {@code topics} (all topics when {@code null}), without creating any. */
    public MetadataResponseData metadata(List<String> topics) {
        MetadataRequest.Builder builder = topics == null ? MetadataRequest.Builder.allTopics()
                : new MetadataRequest.Builder(topics, false);
        MetadataRequest request = builder.build(VERSION);
        RequestHeader header = new RequestHeader(ApiKeys.METADATA, VERSION, "tributary-e2e-probe", ++correlationId);
        ByteBuffer body = request.serializeWithHeader(header);
        try {
            out.writeInt(body.remaining());
            out.write(body.array(), body.arrayOffset() + body.position(), body.remaining());
            out.flush();
            int size = in.readInt();
            if (size < 0 || size > RESPONSE_BYTES_MAX) {
                throw new AssertionError(address + " answered Metadata with a frame of " + size + " bytes");
            }
            byte[] frame = new byte[size];
            in.readFully(frame);
            MetadataResponse response = (MetadataResponse) AbstractResponse.parseResponse(ByteBuffer.wrap(frame), header);
            return response.data();
        } catch (IOException e) {
            throw new UncheckedIOException("Metadata request to " + address + " failed", e);
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

package io.tributary.broker.cli;

import io.tributary.wire.MalformedResponseException;
import io.tributary.wire.api.metadata.MetadataClientCodec;
import io.tributary.wire.api.metadata.MetadataRequest;
import io.tributary.wire.api.metadata.MetadataResponse;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a dev cluster is ready for its first client: every node accepts a connection on its client
 * port and answers a Metadata request that lists every broker of the cluster (registered and unfenced:
 * a fenced broker is left out of Metadata) and an active controller. Asking each node, not just one,
 * is what makes the first command of a user see the whole cluster wherever its client connects: the
 * brokers apply metadata a moment apart.
 *
 * <p>{@code __consumer_offsets} is not waited for: as in Kafka, a broker creates it on the first group
 * coordinator lookup, and by then every broker is live, so it gets its full replication factor.
 *
 * <p>One blocking Metadata request per node, at version {@value #METADATA_VERSION}, on a connection
 * opened and closed for it; every step is bounded by {@code timeoutMs}.
 */
final class DevReadiness {

    static final short METADATA_VERSION = 12;
    private static final int RESPONSE_BYTES_MAX = 1024 * 1024;
    private static final String CLIENT_ID = "tributary-dev-readiness";

    private DevReadiness() {
    }

    /** What one node said, or why it said nothing. */
    record NodeAnswer(int port, Set<Integer> brokerIds, int controllerId, String failure) {

        boolean ready(Set<Integer> expectedBrokerIds) {
            return failure == null && controllerId >= 0 && brokerIds.equals(expectedBrokerIds);
        }

        String describe() {
            if (failure != null) {
                return "localhost:" + port + " " + failure;
            }
            return "localhost:" + port + " lists brokers " + brokerIds + (controllerId < 0 ? ", no active controller" : "");
        }
    }

    /** The answers of every port this round, in order; ready when each lists exactly {@code expectedBrokerIds}. */
    static List<NodeAnswer> probe(List<Integer> ports, int timeoutMs) {
        List<NodeAnswer> answers = new ArrayList<>();
        for (int port : ports) {
            answers.add(ask(port, timeoutMs));
        }
        return answers;
    }

    static boolean allReady(List<NodeAnswer> answers, Set<Integer> expectedBrokerIds) {
        return answers.stream().allMatch(a -> a.ready(expectedBrokerIds));
    }

    static NodeAnswer ask(int port, int timeoutMs) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            socket.setTcpNoDelay(true);
            MetadataRequest request = new MetadataRequest(false, List.of(), false, false, false);
            ByteBuffer frame = MetadataClientCodec.INSTANCE.encodeRequest(METADATA_VERSION, 1, CLIENT_ID, request);
            OutputStream out = socket.getOutputStream();
            out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            if (size < 0 || size > RESPONSE_BYTES_MAX) {
                return new NodeAnswer(port, Set.of(), -1, "answered with a frame of " + size + " bytes");
            }
            byte[] body = new byte[size];
            in.readFully(body);
            MetadataResponse response = MetadataClientCodec.INSTANCE.decodeResponse(METADATA_VERSION, ByteBuffer.wrap(body));
            Set<Integer> ids = new TreeSet<>();
            response.brokers().forEach(b -> ids.add(b.nodeId()));
            return new NodeAnswer(port, ids, response.controllerId(), null);
        } catch (IOException e) {
            return new NodeAnswer(port, Set.of(), -1, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (MalformedResponseException e) {
            return new NodeAnswer(port, Set.of(), -1, "answered a malformed Metadata response: " + e.getMessage());
        }
    }
}

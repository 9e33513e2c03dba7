package io.tributary.bench.node;

import java.nio.file.Path;

/**
 * Where one node lives on disk and which loopback ports it uses. Tributary and Kafka nodes get
 * separate port pairs (client, controller) from the bench's own range, so a node that is slow to
 * release its port never collides with the other system's next start.
 *
 * @param directory      the node's directory: properties, logs, and the data directory under it
 * @param clientPort     the PLAINTEXT listener clients bootstrap from
 * @param controllerPort the CONTROLLER listener of the combined broker+controller node
 */
public record NodeLayout(Path directory, int clientPort, int controllerPort) {

    public static final String HOST = "127.0.0.1";

    public NodeLayout {
        if (clientPort == controllerPort) {
            throw new IllegalArgumentException("client and controller ports must differ: " + clientPort);
        }
    }

    public Path dataDirectory() {
        return directory.resolve("data");
    }

    public String bootstrapServers() {
        return HOST + ":" + clientPort;
    }
}

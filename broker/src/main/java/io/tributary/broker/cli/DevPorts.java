package io.tributary.broker.cli;

import io.tributary.broker.config.ConfigFile;
import io.tributary.broker.config.Listener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The ports of a dev cluster, all derived from {@code --port} (PORT, 9092 by default), so that they
 * are known before the start and never land on a port another program holds by chance:
 *
 * <pre>
 *   node i (1..N)   client (PLAINTEXT)   PORT + i - 1          9092, 9093, 9094
 *                   CONTROLLER           PORT + 100 + i - 1    9192, 9193, 9194
 *                   HTTP (/metrics)      PORT + 200 + i - 1    9292, 9293, 9294
 * </pre>
 *
 * A one-node cluster has no CONTROLLER listener (its controller is in the same process, without Raft).
 *
 * <p>A controller quorum stores its voters' addresses at its first start and uses the stored ones
 * from then on (docs/design/quorum.md), so a data directory whose nodes already have a CONTROLLER port
 * in their config keeps it, even when it is not the derived one (directories written before ports
 * were derived chose them at random).
 */
final class DevPorts {

    /** CONTROLLER ports start this far above the client ports, leaving room for {@link DevOptions#NODES_MAX} nodes. */
    static final int CONTROLLER_OFFSET = 100;

    /** HTTP ports ({@code http.listener}: {@code /metrics}) start this far above the client ports. */
    static final int HTTP_OFFSET = 200;

    private DevPorts() {
    }

    static int clientPort(int port, int id) {
        return port + id - 1;
    }

    static int controllerPort(int port, int id) {
        return port + CONTROLLER_OFFSET + id - 1;
    }

    static int httpPort(int port, int id) {
        return port + HTTP_OFFSET + id - 1;
    }

    /** The highest port a cluster of {@code nodes} uses: the last node's HTTP port. */
    static int highestPort(int port, int nodes) {
        return httpPort(port, nodes);
    }

    /** The metrics address of each node, for the banner. */
    static String metricsUrls(int port, int nodes) {
        return java.util.stream.IntStream.rangeClosed(1, nodes).mapToObj(i -> "http://localhost:" + httpPort(port, i) + "/metrics")
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /** The CONTROLLER port an earlier start wrote into {@code config}, if there is one. */
    static OptionalInt storedControllerPort(Path config) throws IOException {
        if (!Files.isRegularFile(config)) {
            return OptionalInt.empty();
        }
        String listeners = ConfigFile.read(config).getOrDefault("listeners", "");
        for (String item : listeners.split(",")) {
            if (item.trim().toUpperCase().startsWith("CONTROLLER://")) {
                return OptionalInt.of(Listener.parse("listeners", item.trim()).port());
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Whether another program holds {@code port} on the loopback address now. Bound with
     * SO_REUSEADDR, as the node's own listener is, so a port a stopped node left in TIME_WAIT counts as free.
     */
    static boolean taken(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}

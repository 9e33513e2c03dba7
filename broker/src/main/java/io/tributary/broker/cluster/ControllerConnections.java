package io.tributary.broker.cluster;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.net.client.ClientSettings;
import io.tributary.broker.net.client.ClientTransport;
import io.tributary.broker.net.client.ControllerClient;
import io.tributary.broker.net.client.ControllerDiscovery;
import io.tributary.quorum.QuorumVoter;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A broker's connections to the active controller: three {@link ControllerClient}s, each keeping its
 * own connection, on one event loop of their own ({@code tributary-controller-client-1}). They share one
 * {@link ControllerDiscovery}, so the controller is looked for once for all three, and when it moves, the
 * first connection to learn where it went brings the other two along (the forwarding connection used to
 * find a new controller up to a second after the heartbeat connection, each backing off on its own).
 *
 * <ul>
 *   <li>{@link #lifecycle()}: registration and heartbeats. Heartbeats must never wait behind a long
 *       request (a connection answers in order), and the controller fences the broker when this
 *       connection closes, so nothing else travels on it. Its attempts time out after
 *       {@code broker.session.timeout.ms}: a controller that stops answering (SIGSTOP, a partition) is
 *       given up on, and the new one found, well before the new one's grace period ends.</li>
 *   <li>{@link #metadata()}: the metadata long-poll ({@link MetadataFetcher}).</li>
 *   <li>{@link #requests()}: forwarded admin requests, producer-id blocks and high-watermark probes,
 *       which may take a Raft commit each; attempts time out after {@code controller.socket.timeout.ms}.</li>
 * </ul>
 */
public final class ControllerConnections implements AutoCloseable {

    private final ClientTransport transport;
    private final ControllerDiscovery discovery;
    private final ControllerClient lifecycle;
    private final ControllerClient metadata;
    private final ControllerClient requests;
    private boolean closed;

    public ControllerConnections(BrokerConfig config) {
        Map<Integer, InetSocketAddress> voters = new LinkedHashMap<>();
        for (QuorumVoter v : config.quorumVoters().voters()) {
            voters.put(v.id(), InetSocketAddress.createUnresolved(v.host(), v.port()));
        }
        int sessionMs = (int) Math.min(Integer.MAX_VALUE, config.brokerSessionTimeoutMs());
        // A controller whose host is gone never answers a SYN: do not wait longer for one than for a heartbeat.
        int connectMs = Math.max(1_000, sessionMs);
        String id = "tributary-broker-" + config.nodeId();
        this.transport = ClientTransport.create(1, "tributary-controller-client");
        // Probes ask each voter in turn: a voter that has stopped answering (SIGSTOP) holds a round up no longer than a heartbeat would.
        this.discovery = new ControllerDiscovery(voters, transport, ClientSettings.defaults(id + "-discovery")
                .withConnectTimeoutMs(connectMs).withRequestTimeoutMs(sessionMs));
        this.lifecycle = new ControllerClient(discovery, transport, ClientSettings.defaults(id + "-lifecycle")
                .withConnectTimeoutMs(connectMs).withRequestTimeoutMs(sessionMs));
        this.metadata = new ControllerClient(discovery, transport, ClientSettings.defaults(id + "-metadata")
                .withConnectTimeoutMs(connectMs).withRequestTimeoutMs((int) MetadataFetcher.MAX_WAIT_MS + sessionMs));
        this.requests = new ControllerClient(discovery, transport, ClientSettings.defaults(id + "-requests")
                .withRequestTimeoutMs(config.controllerSocketTimeoutMs()));
    }

    public ControllerClient lifecycle() {
        return lifecycle;
    }

    public ControllerClient metadata() {
        return metadata;
    }

    public ControllerClient requests() {
        return requests;
    }

    /** The active controller as the heartbeat connection knows it, or -1 while it is being looked for. */
    public int activeControllerId() {
        return lifecycle.activeControllerId();
    }

    /** Starts looking for the active controller on every connection now. */
    public void start() {
        lifecycle.start();
        metadata.start();
        requests.start();
    }

    /** Closes every connection (the controller then fences this broker, if it was not already), then the event loop. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        lifecycle.close();
        metadata.close();
        requests.close();
        discovery.close();
        transport.close();
    }
}

package io.tributary.broker.controller;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.Listener;
import io.tributary.broker.controller.handler.ControllerHandlers;
import io.tributary.broker.handler.HandlerDispatcher;
import io.tributary.broker.network.NettyServer;
import io.tributary.broker.network.NetworkSettings;
import io.tributary.common.Time;
import io.tributary.controller.ControllerDriver;
import io.tributary.controller.ControllerDriverConfig;
import io.tributary.controller.RaftMetadataLog;
import io.tributary.metadata.controller.ControllerConfig;
import io.tributary.quorum.ControllerPortSniffer;
import io.tributary.quorum.QuorumConfig;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.RequestReader;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller role of a cluster node: this node's member of the Raft quorum
 * ({@link RaftMetadataLog}), the {@link ControllerDriver} over it, and the CONTROLLER listener, where
 * Raft peers (through {@link ControllerPortSniffer} and its relay to the local Ratis server) and
 * brokers (the Kafka protocol, {@link ApiRegistry#controller()}) both arrive.
 *
 * <p>Start order (docs/design/quorum.md): bind the CONTROLLER listener first, so the sniffer is in
 * place when peers connect, then start the driver, which starts the quorum (blocking for the
 * wiped-disk wait on a new node and for Ratis's start). Kafka requests that arrive meanwhile are
 * answered {@code NOT_CONTROLLER} or not at all, and brokers keep looking.
 *
 * <p>Stop order: the driver first (stops appending, hands leadership to a follower, closes Ratis),
 * then the listener: closed first, it would make the hand-off fail and cost the cluster an election
 * timeout.
 *
 * <p>Threads: {@code tributary-controller} (the driver), {@code tributary-quorum-listener-<id>} and
 * Ratis's own (see quorum.md), {@code tributary-controller-network-*} (the listener's event loops).
 */
public final class ControllerRole implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControllerRole.class);

    private volatile boolean halted;
    private final int nodeId;
    private final RaftMetadataLog raftLog;
    private final ControllerDriver driver;
    private final NettyServer server;
    private final HaltableDispatcher dispatcher;
    private List<NettyServer.Bound> bound = List.of();

    private ControllerRole(BrokerConfig config, Time time, Consumer<Throwable> onFatalError) {
        this.nodeId = config.nodeId();
        QuorumConfig quorum = config.quorumConfig();
        this.raftLog = new RaftMetadataLog(quorum, onFatalError);
        ControllerConfig controllerConfig = ControllerConfig.fromProperties(config.explicitProperties());
        this.driver = new ControllerDriver(ControllerDriverConfig.of(nodeId, controllerConfig), raftLog, time, new SecureRandom(),
                onFatalError);
        ApiRegistry registry = ControllerHandlers.registry();
        HandlerDispatcher handlers = new HandlerDispatcher(ControllerHandlers.table(registry, driver, config.quorumVoters(),
                config.deleteTopicEnable()), time);
        this.dispatcher = new HaltableDispatcher(handlers);
        RequestReader reader = new RequestReader(registry);
        NettyServer.Hooks hooks = new NettyServer.Hooks("tributary-controller-network",
                () -> new ControllerPortSniffer(raftLog::ratisPort), this::onConnectionClosed);
        NetworkSettings network = NetworkSettings.from(config);
        // A handful of brokers and peers connect here; two event loops are plenty whatever num.network.threads says.
        this.server = new NettyServer(network.withNetworkThreads(Math.min(2, network.networkThreads())), reader::read,
                dispatcher, hooks);
    }

    /**
     * Binds the CONTROLLER listener and joins the quorum; returns once this node's member has started
     * (it may not know the active controller yet). On failure everything started is stopped again.
     */
    public static ControllerRole start(BrokerConfig config, Time time, Consumer<Throwable> onFatalError) throws Exception {
        MetadataDirCheck.forRaft(config.metadataLogDir());
        ControllerRole role = new ControllerRole(config, time, onFatalError);
        try {
            Listener listener = config.controllerListener();
            role.bound = role.server.bind(List.of(listener));
            long startNs = System.nanoTime();
            role.driver.start();
            log.info("Node {} joined the controller quorum {} in {} ms; CONTROLLER listener on {}", role.nodeId,
                    config.quorumVoters(), (System.nanoTime() - startNs) / 1_000_000, role.bound.get(0).address());
            return role;
        } catch (Exception | Error e) {
            role.close();
            throw e;
        }
    }

    public ControllerDriver driver() {
        return driver;
    }

    public List<NettyServer.Bound> bound() {
        return bound;
    }

    /** Hands leadership off (if active), leaves the quorum, then closes the CONTROLLER listener. */
    @Override
    public void close() {
        try {
            driver.close();
        } catch (RuntimeException e) {
            log.warn("Node {}: stopping the controller failed", nodeId, e);
        }
        server.stopAccepting();
        server.close();
    }

    private void onConnectionClosed(Object connectionId) {
        // A halting node's connections close because the node is going, not because the brokers at
        // the other end are: fencing them now would commit (this node may still lead the quorum for
        // a moment) and leave the next controller without a single active broker.
        if (!halted) {
            driver.onConnectionClosed(connectionId);
        }
    }

    /**
     * Stops as a crash would (tests): the controller stops acting first, as a killed process does in
     * the same instant its sockets close; then the sockets, so peers see the node go at once; then
     * the quorum member.
     */
    public void halt() {
        freeze();
        server.close();
        driver.halt();
        // The halted driver answers nothing more; the requests it held give their bytes back now.
        dispatcher.halt();
    }

    /**
     * The first instant of a simulated crash: from now on this controller no longer reacts to its
     * connections closing. The node calls it before it drops anything else, because a real crash
     * stops the controller in the same instant as everything else.
     */
    public void freeze() {
        halted = true;
    }
}

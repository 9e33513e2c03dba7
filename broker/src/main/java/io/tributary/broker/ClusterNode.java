package io.tributary.broker;

import io.tributary.broker.cluster.ClusterBrokerRole;
import io.tributary.broker.cluster.PreviousBrokerEpoch;
import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.controller.ControllerRole;
import io.tributary.broker.network.NettyServer;
import io.tributary.broker.replica.AlterPartitionSender;
import io.tributary.broker.replica.ReplicaFetcherManager;
import io.tributary.controller.ControllerDriver;
import java.util.Optional;

/**
 * A member of a cluster ({@code controller.quorum.voters} set), with the roles {@code process.roles}
 * names. Either role may be absent, by configuration:
 * <ul>
 *   <li>the controller role ({@link ControllerRole}): a Raft voter, the controller driver, the
 *       CONTROLLER listener;</li>
 *   <li>the broker role ({@link BrokerSide}): following the active controller's metadata,
 *       registration and heartbeats ({@link ClusterBrokerRole}), and replication: the replica
 *       fetchers and the ISR proposals sent to the controller.</li>
 * </ul>
 * Immutable: the node builds it role by role as it starts ({@link #withBroker}), so a start that fails
 * halfway stops exactly what had started.
 */
final class ClusterNode implements NodeMode {

    /** The broker epoch this node held when it left the controller in a clean stop; -1 otherwise. */
    private long cleanStopEpoch = -1;

    /** The broker role of a cluster node and its replication. */
    record BrokerSide(ClusterBrokerRole role, ReplicaFetcherManager fetchers, AlterPartitionSender isrChanges) {
    }

    private final BrokerConfig config;
    private final Optional<ControllerRole> controllerRole;
    private final Optional<BrokerSide> broker;

    ClusterNode(BrokerConfig config, Optional<ControllerRole> controllerRole, Optional<BrokerSide> broker) {
        this.config = config;
        this.controllerRole = controllerRole;
        this.broker = broker;
    }

    ClusterNode withBroker(BrokerSide side) {
        return new ClusterNode(config, controllerRole, Optional.of(side));
    }

    Optional<BrokerSide> broker() {
        return broker;
    }

    @Override
    public ControllerDriver controller() {
        return controllerRole.map(ControllerRole::driver).orElse(null);
    }

    @Override
    public NettyServer.Bound controllerListener() {
        return controllerRole.map(r -> r.bound().get(0)).orElse(null);
    }

    @Override
    public void controlledShutdown(long timeoutMs) {
        broker.ifPresent(b -> b.role().controlledShutdown(timeoutMs));
    }

    @Override
    public void leaveController(boolean failed) {
        broker.ifPresent(b -> {
            if (!failed) {
                cleanStopEpoch = b.role().brokerEpoch();
            }
            b.role().close();
        });
    }

    @Override
    public void recordCleanShutdown() {
        if (cleanStopEpoch >= 0) {
            // The next start tells the controller which registration it replaces and that this node
            // lost nothing it had acknowledged (KIP-966's clean-shutdown epoch). Written only after
            // the partitions closed cleanly: a stop that failed earlier is an unclean shutdown.
            PreviousBrokerEpoch.write(config.logDirs().get(0), cleanStopEpoch);
        }
    }

    @Override
    public void stopReplication() {
        broker.ifPresent(b -> {
            b.isrChanges().close();
            b.fetchers().close();
        });
    }

    @Override
    public void closeController() {
        controllerRole.ifPresent(ControllerRole::close);
    }

    @Override
    public void crashConnections() {
        controllerRole.ifPresent(ControllerRole::freeze);
        broker.ifPresent(b -> b.role().halt());
    }

    @Override
    public void crashController() {
        controllerRole.ifPresent(ControllerRole::halt);
    }

    /** The active controller the broker role follows, or -1 (no broker role, or none found yet). */
    int activeControllerId() {
        return broker.map(b -> b.role().requests().activeControllerId()).orElse(-1);
    }
}

package io.tributary.broker;

import io.tributary.broker.network.NettyServer;
import io.tributary.controller.ControllerDriver;

/**
 * How a node takes part in a cluster, beside the parts every node has (log directories, partitions,
 * client listeners, purgatories): its controller, its registration, its replication. Two kinds:
 * <ul>
 *   <li>{@link SoloNode}: no {@code controller.quorum.voters}; a one-node cluster of its own, its
 *       controller in process over a local metadata file, its partitions with one replica each.</li>
 *   <li>{@link ClusterNode}: a member of a cluster, with the roles {@code process.roles} names: a
 *       controller (a Raft voter serving the CONTROLLER listener), a broker (following the active
 *       controller, registering, heartbeating, replicating), or both.</li>
 * </ul>
 * The node's shutdown is one ordered plan ({@link Broker#close}); each step that depends on the
 * mode asks the mode to do its part, and a mode does nothing for a step that is not its own.
 */
sealed interface NodeMode permits SoloNode, ClusterNode {

    /** The controller in this process, or null (a broker-only node). */
    ControllerDriver controller();

    /** The CONTROLLER listener of a cluster controller, or null. */
    NettyServer.Bound controllerListener();

    /** Asks the controller to move this node's leaderships away, bounded by {@code timeoutMs}. */
    void controlledShutdown(long timeoutMs);

    /** Stops heartbeats and metadata fetches and closes the controller connections. */
    void leaveController(boolean failed);

    /**
     * Called once every partition has closed cleanly (flushed, clean-shutdown markers written): the
     * node records that it stopped cleanly, so its next registration says so (KIP-966). A stop that
     * failed before this point is an unclean shutdown, and the controller treats it as one.
     */
    void recordCleanShutdown();

    /** Stops the replica fetchers and the ISR proposals (before the partitions close). */
    void stopReplication();

    /** Stops the controller in this process, cleanly (a one-node cluster snapshots its metadata). */
    void closeController();

    /**
     * The first instant of a simulated crash: the controller stops reacting and the controller
     * connections drop, as a killed process's do, before anything else goes.
     */
    void crashConnections();

    /** The rest of a simulated crash: the controller stops without snapshots or hand-off. */
    void crashController();
}

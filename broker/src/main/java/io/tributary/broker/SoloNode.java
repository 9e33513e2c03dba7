package io.tributary.broker;

import io.tributary.broker.controller.NodeRegistration;
import io.tributary.broker.network.NettyServer;
import io.tributary.controller.ControllerDriver;

/**
 * A one-node cluster (no {@code controller.quorum.voters}): the controller runs in this process over
 * the metadata log in a local file, and this node's registration talks to it directly. Its
 * partitions have one replica each, so there is nothing to replicate.
 */
final class SoloNode implements NodeMode {

    private final ControllerDriver controller;
    private final NodeRegistration registration;

    SoloNode(ControllerDriver controller, NodeRegistration registration) {
        this.controller = controller;
        this.registration = registration;
    }

    NodeRegistration registration() {
        return registration;
    }

    @Override
    public ControllerDriver controller() {
        return controller;
    }

    @Override
    public NettyServer.Bound controllerListener() {
        return null;
    }

    @Override
    public void controlledShutdown(long timeoutMs) {
        registration.controlledShutdown();
    }

    @Override
    public void leaveController(boolean failed) {
        // The controller is in this process: nothing to leave.
    }

    @Override
    public void recordCleanShutdown() {
        // A one-node cluster elects its only replica whatever happened: nothing to record.
    }

    @Override
    public void stopReplication() {
        // One replica per partition: nothing replicates.
    }

    @Override
    public void closeController() {
        controller.close();
    }

    @Override
    public void crashConnections() {
        // No connections to the controller: it is in this process.
    }

    @Override
    public void crashController() {
        controller.halt();
    }
}

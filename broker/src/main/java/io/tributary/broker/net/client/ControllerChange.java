package io.tributary.broker.net.client;

/**
 * {@link ControllerClient} has a new connection to the active controller. It is announced for every new
 * connection, also when the controller is the same node as before ({@code previousControllerId ==
 * controllerId}), because a controller fences a broker whose heartbeat connection closed: whoever keeps
 * the broker registered should check its registration after any change.
 *
 * @param previousControllerId the controller of the previous connection, -1 for the first
 * @param controllerId         the active controller's node id
 * @param host                 where it was reached
 * @param port                 where it was reached
 */
public record ControllerChange(int previousControllerId, int controllerId, String host, int port) {

    /** Whether a different node is active than for the previous connection. */
    public boolean isNewController() {
        return previousControllerId != controllerId;
    }
}

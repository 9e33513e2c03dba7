package io.tributary.broker.controller;

import io.tributary.controller.ControllerDriver;
import io.tributary.metadata.controller.api.ControllerCommand;
import java.util.concurrent.CompletableFuture;

/**
 * The controller in this process, behind the {@link ControllerChannel} seam: every command goes to
 * the {@link ControllerDriver}. Used by a single node (no {@code controller.quorum.voters}), whose
 * broker image is one of the driver's listeners, and by the CONTROLLER listener's admin handlers.
 *
 * <p>A future completes on the controller thread once the command's records are committed and
 * replayed by every in-process listener, so a handler that waits for it reads its own change;
 * dependent stages must be quick.
 */
public final class DriverControllerChannel implements ControllerChannel {

    private final ControllerDriver driver;

    public DriverControllerChannel(ControllerDriver driver) {
        this.driver = driver;
    }

    @Override
    public <R> CompletableFuture<R> submit(ControllerCommand<R> command) {
        return driver.submit(command);
    }
}

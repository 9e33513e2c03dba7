package io.tributary.broker.net.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link ControllerClient}'s connection to the active controller: it asks the shared
 * {@link ControllerDiscovery} where the controller is, connects there with the client's own settings, and
 * goes back to the discovery whenever the connection becomes unusable ({@link #invalidate}), telling it
 * which controller failed. A connection that cannot be opened is reported the same way, so the discovery's
 * backoff, not this class, paces the attempts: there is no loop here that does not pass through it.
 *
 * <p>Legal transitions: unlinked → linking → linked(controller, connection) → linking (on invalidation)
 * → ...; any → closed, which is final. At most one link attempt (one find, then one connect) runs at a time.
 *
 * <p>Threading: state is guarded by this object's monitor; nothing is called out (futures, listeners,
 * connections, the discovery) while holding it.
 */
final class ControllerLink {

    private static final Logger log = LoggerFactory.getLogger(ControllerLink.class);

    /** The connection to the active controller. */
    record Active(ControllerDiscovery.Found controller, NodeConnection connection) {
        int id() {
            return controller.id();
        }

        @Override
        public String toString() {
            return controller.toString();
        }
    }

    private final ControllerDiscovery discovery;
    private final ClientTransport transport;
    private final ClientSettings settings;
    private final Consumer<ControllerChange> onChange;

    // Guarded by this.
    private Active active;
    private CompletableFuture<Active> linking;
    private CompletableFuture<NodeConnection> connecting;
    private int lastAnnouncedId = -1;
    private boolean closed;

    ControllerLink(ControllerDiscovery discovery, ClientTransport transport, ClientSettings settings, Consumer<ControllerChange> onChange) {
        this.discovery = discovery;
        this.transport = transport;
        this.settings = settings;
        this.onChange = onChange;
    }

    /**
     * The connection to the active controller, or the link attempt that will make one (started if none is
     * running). Fails only when this link or its discovery is closed.
     */
    CompletableFuture<Active> active() {
        ControllerDiscovery.Found stale = null;
        CompletableFuture<Active> result;
        boolean start = false;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(closedException());
            }
            if (active != null && active.connection().isOpen()) {
                return CompletableFuture.completedFuture(active);
            }
            if (active != null) {
                // Closed under us; its close listener will invalidate it too, which is then a no-op.
                stale = active.controller();
                active = null;
            }
            if (linking == null) {
                linking = new CompletableFuture<>();
                start = true;
            }
            result = linking;
        }
        if (start) {
            link(stale, stale == null ? null : "its connection closed");
        }
        return result;
    }

    /** The id of the controller this link is connected to, or -1 while it is not. */
    synchronized int activeId() {
        return active == null ? -1 : active.id();
    }

    /** The controller answered a request: the discovery's backoff starts afresh. */
    void succeeded(Active a) {
        discovery.succeeded(a.controller());
    }

    /** {@code a} can no longer be used (NOT_CONTROLLER, closed, timed out): close it and link again. */
    void invalidate(Active a, String reason) {
        boolean start = false;
        synchronized (this) {
            if (a != active || closed) {
                return;
            }
            active = null;
            if (linking == null) {
                linking = new CompletableFuture<>();
                start = true;
            }
        }
        log.debug("{}: no longer using {}: {}", settings.clientId(), a, reason);
        a.connection().close();
        if (start) {
            link(a.controller(), reason);
        }
    }

    /** Closes the connection; a link attempt in progress fails with {@link DisconnectedException}. Idempotent. */
    void close() {
        Active toClose;
        CompletableFuture<Active> pending;
        CompletableFuture<NodeConnection> opening;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = active;
            active = null;
            pending = linking;
            linking = null;
            opening = connecting;
            connecting = null;
        }
        if (toClose != null) {
            toClose.connection().close();
        }
        if (opening != null) {
            // Closes the connection if it is still being set up; one already made is closed by adopt().
            opening.cancel(false);
        }
        if (pending != null) {
            pending.completeExceptionally(closedException());
        }
    }

    /** Asks the discovery (reporting {@code unusable}, if any), then connects to the controller it names. */
    private void link(ControllerDiscovery.Found unusable, String reason) {
        discovery.find(unusable, settings.clientId(), reason).whenComplete((found, err) -> {
            if (err != null) {
                failLinking(Futures.unwrap(err));
                return;
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            CompletableFuture<NodeConnection> c = transport.connect(found.host(), found.port(), settings);
            synchronized (this) {
                if (closed) {
                    c.cancel(false);
                    return;
                }
                connecting = c;
            }
            c.whenComplete((conn, e) -> {
                synchronized (this) {
                    if (connecting == c) {
                        connecting = null;
                    }
                }
                if (e != null) {
                    if (!c.isCancelled()) {
                        log.debug("{}: cannot connect to {}: {}", settings.clientId(), found, Futures.unwrap(e).getMessage());
                        link(found, "cannot connect: " + Futures.unwrap(e).getMessage());
                    }
                    return;
                }
                adopt(found, conn);
            });
        });
    }

    private void adopt(ControllerDiscovery.Found found, NodeConnection conn) {
        Active a = new Active(found, conn);
        CompletableFuture<Active> waiting;
        ControllerChange change = null;
        boolean lostIt = false;
        synchronized (this) {
            waiting = linking;
            if (closed) {
                waiting = null;
            } else if (!conn.isOpen()) {
                lostIt = true;
            } else {
                assert waiting != null : "a connection was made with no link attempt running";
                active = a;
                linking = null;
                change = new ControllerChange(lastAnnouncedId, found.id(), found.host(), found.port());
                lastAnnouncedId = found.id();
            }
        }
        if (change == null) {
            conn.close();
            if (lostIt) {
                link(found, "its connection closed as it was made");
            }
            return;
        }
        // Registered after the state change, so a close that already happened invalidates at once.
        conn.onClose(cause -> invalidate(a, "connection closed (" + cause.getMessage() + ")"));
        log.debug("{}: connected to the active {}", settings.clientId(), a);
        waiting.complete(a);
        try {
            onChange.accept(change);
        } catch (RuntimeException e) {
            log.error("A listener for the active controller failed on {}", change, e);
        }
    }

    private void failLinking(Throwable cause) {
        CompletableFuture<Active> pending;
        synchronized (this) {
            pending = linking;
            linking = null;
        }
        if (pending != null) {
            pending.completeExceptionally(cause);
        }
    }

    private static DisconnectedException closedException() {
        return new DisconnectedException("the controller client is closed", null, false);
    }
}

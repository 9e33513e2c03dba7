package io.tributary.broker.net.client;

/**
 * Why a request sent on a {@link NodeConnection} failed when the network, not the peer's answer, is
 * the reason. Each subclass says whether the peer may have received (and acted on) the request, which
 * is what decides whether a non-idempotent request may be sent again, and whether trying again later
 * can help.
 */
public abstract sealed class NetworkClientException extends RuntimeException
        permits ConnectionBusyException, DisconnectedException, RequestTimeoutException, UnsupportedVersionException {

    private final boolean maybeDelivered;

    NetworkClientException(String message, Throwable cause, boolean maybeDelivered) {
        super(message, cause);
        this.maybeDelivered = maybeDelivered;
    }

    /**
     * Whether the peer may have received the whole request. False only when it certainly did not: the
     * request was refused before it was written, or its write failed (a partial frame is never
     * processed, because the peer waits for the size its prefix announced).
     */
    public boolean maybeDelivered() {
        return maybeDelivered;
    }

    /** Whether sending again (on this or a new connection) can succeed without anything changing here. */
    public abstract boolean retriable();
}

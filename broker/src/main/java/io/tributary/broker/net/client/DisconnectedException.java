package io.tributary.broker.net.client;

/**
 * The connection could not be opened, or closed before the request was answered: the peer went away,
 * another request on the same connection timed out or got a response that did not parse, or the owner
 * closed it. A new connection may succeed, so this is retriable; {@link #maybeDelivered()} tells
 * whether the peer may already have acted on the request.
 */
public final class DisconnectedException extends NetworkClientException {

    DisconnectedException(String message, Throwable cause, boolean maybeDelivered) {
        super(message, cause, maybeDelivered);
    }

    @Override
    public boolean retriable() {
        return true;
    }
}

package io.tributary.broker.net.client;

/**
 * No response arrived within the request's timeout. The connection it was sent on is closed, because a
 * late response would arrive out of step with the next request's. The peer may have acted on the
 * request ({@link #maybeDelivered()} is true unless its write had failed), so only idempotent requests
 * should be sent again blindly.
 */
public final class RequestTimeoutException extends NetworkClientException {

    RequestTimeoutException(String message, Throwable cause, boolean maybeDelivered) {
        super(message, cause, maybeDelivered);
    }

    @Override
    public boolean retriable() {
        return true;
    }
}

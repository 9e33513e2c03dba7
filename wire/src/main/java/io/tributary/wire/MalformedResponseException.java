package io.tributary.wire;

/**
 * A response whose bytes cannot be trusted: cut short, not of the version the request was sent at,
 * or carrying values the protocol forbids. The connection it came on should be closed, because a
 * peer whose answers do not parse may be out of step with the framing; the requests in flight on it
 * fail and are retried on a new connection.
 */
public final class MalformedResponseException extends RuntimeException {

    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}

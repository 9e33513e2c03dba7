package io.tributary.wire;

/**
 * A request whose bytes cannot be trusted. The connection it came on is closed after a log line;
 * nothing else is affected, because a peer that sends garbage may be out of step with the framing.
 */
public final class MalformedRequestException extends RuntimeException {

    public MalformedRequestException(String message) {
        super(message);
    }

    public MalformedRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}

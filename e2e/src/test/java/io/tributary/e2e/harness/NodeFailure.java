package io.tributary.e2e.harness;

/**
 * A node did not do what the harness waited for (start, answer, exit). The message carries the tail
 * of the node's log, because that is where the reason is.
 */
public final class NodeFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    public NodeFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public NodeFailure(String message) {
        super(message);
    }
}

package io.tributary.quorum;

/**
 * An append that did not commit, for a reason other than "not the leader": the quorum is closed, a
 * timeout passed, Ratis is overloaded or failed. When the cause is a timeout the entry may still
 * commit later, so the caller must treat the outcome as unknown (the controller learns the truth
 * from the committed log, as it always does).
 */
public class QuorumException extends RuntimeException {

    public QuorumException(String message) {
        super(message);
    }

    public QuorumException(String message, Throwable cause) {
        super(message, cause);
    }
}

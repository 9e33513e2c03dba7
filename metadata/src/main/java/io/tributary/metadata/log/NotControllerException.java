package io.tributary.metadata.log;

import java.util.OptionalInt;

/**
 * This node cannot write metadata because it is not the active controller (or its term ended
 * since the write was prepared). Carries the node id of the active controller when known, so the
 * caller can redirect; Kafka clients map this to {@code NOT_CONTROLLER}.
 */
public final class NotControllerException extends RuntimeException {

    private final OptionalInt leaderHint;

    public NotControllerException(String message, OptionalInt leaderHint) {
        super(message + (leaderHint.isPresent() ? " (the active controller is node " + leaderHint.getAsInt() + ")" : ""));
        this.leaderHint = leaderHint;
    }

    /** The node id of the active controller, if this node knows it. */
    public OptionalInt leaderHint() {
        return leaderHint;
    }
}

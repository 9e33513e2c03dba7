package io.tributary.quorum;

import java.util.OptionalInt;

/**
 * This node cannot append: it is not the leader, or it lost the term the append was fenced to.
 * {@link #leaderHint()} is the node id of the leader this node knows of, if any, so the caller
 * can redirect (Kafka's {@code NOT_CONTROLLER} with the active controller).
 */
public final class NotLeaderException extends QuorumException {

    private final OptionalInt leaderHint;

    public NotLeaderException(int nodeId, OptionalInt leaderHint, String why) {
        super("node " + nodeId + " is not the leader: " + why
                + (leaderHint.isPresent() ? " (leader is " + leaderHint.getAsInt() + ")" : " (no leader known)"));
        this.leaderHint = leaderHint;
    }

    public OptionalInt leaderHint() {
        return leaderHint;
    }
}

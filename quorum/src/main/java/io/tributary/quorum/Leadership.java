package io.tributary.quorum;

/**
 * Who leads which term, as this node knows it. {@code leaderId} is -1 when no leader is known;
 * {@code local} is true only when this node leads {@code term} and is ready to append in it.
 */
record Leadership(int leaderId, long term, boolean local) {

    static final int NO_LEADER = -1;

    Leadership {
        if (term < 0) {
            throw new IllegalArgumentException("negative term " + term);
        }
        if (local && leaderId < 0) {
            throw new IllegalArgumentException("a local leadership needs this node's id");
        }
    }

    /** Whether a listener that was told {@code previous} must now be told this: terms never go back. */
    boolean supersedes(Leadership previous) {
        return previous == null || (term >= previous.term && !equals(previous));
    }
}

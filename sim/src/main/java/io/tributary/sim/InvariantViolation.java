package io.tributary.sim;

/** An invariant the checker holds the cluster to was broken. */
final class InvariantViolation extends RuntimeException {

    final String invariant;

    InvariantViolation(String invariant, String detail) {
        super(invariant + ": " + detail);
        this.invariant = invariant;
    }
}

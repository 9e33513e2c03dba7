package io.tributary.sim;

/**
 * What a finished schedule reports: its coverage marks, and a hash of its whole history (same
 * config, same hash: the determinism check).
 */
record SimResult(SimConfig config, Coverage coverage, long traceHash, long events) {
}

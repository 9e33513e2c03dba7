package io.tributary.common;

/**
 * The clock, passed in rather than read from the system, so that pure cores and the deterministic
 * simulation decide what "now" is.
 */
public interface Time {

    /** Wall-clock milliseconds since the epoch: for timestamps that leave the process. */
    long milliseconds();

    /** Monotonic nanoseconds: for timeouts and durations, which must not jump when the wall clock does. */
    long nanoseconds();

    default long monotonicMs() {
        return nanoseconds() / 1_000_000L;
    }

    Time SYSTEM = new Time() {
        @Override
        public long milliseconds() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoseconds() {
            return System.nanoTime();
        }
    };
}

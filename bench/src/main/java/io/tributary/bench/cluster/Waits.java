package io.tributary.bench.cluster;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The bounded waits the scenarios share: for a condition with no notification to wait on (polled every
 * {@value #POLL_MS} ms, which bounds the resolution of what is timed by it), and for a moment on the clock.
 */
public final class Waits {

    public static final long POLL_MS = 5;

    private Waits() {
    }

    /** Returns once {@code condition} holds; throws past {@code deadlineNs}, saying what was awaited with {@code what}. */
    public static void until(BooleanSupplier condition, long deadlineNs, Supplier<String> what) throws TimeoutException {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNs > 0) {
                throw new TimeoutException("not seen before the deadline: " + what.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
        }
    }

    /** Parks until {@link System#nanoTime()} reaches {@code deadlineNs}: an observation window, not a wait for a condition. */
    public static void parkUntil(long deadlineNs) {
        for (long left = deadlineNs - System.nanoTime(); left > 0; left = deadlineNs - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}

package io.tributary.log;

import io.tributary.common.Time;
import java.util.function.LongConsumer;

/**
 * Caps the cleaner threads' combined I/O at {@code log.cleaner.io.max.bytes.per.second}, so that
 * cleaning never starves produce and fetch of disk bandwidth. Each thread reports the bytes it read
 * or wrote; when the total over the current window runs ahead of the rate, the reporting thread
 * pauses until the rate is met again. The pause is the point of the class: it is the rate limit.
 */
final class IoThrottler {

    private static final long WINDOW_NS = 300_000_000L;

    private final double bytesPerSecondMax;
    private final Time time;
    private final LongConsumer pauseMs;
    private long windowStartNs;
    private double windowBytes;

    /** @param pauseMs pauses the calling thread that many milliseconds (a test passes one that moves its clock) */
    IoThrottler(double bytesPerSecondMax, Time time, LongConsumer pauseMs) {
        this.bytesPerSecondMax = bytesPerSecondMax;
        this.time = time;
        this.pauseMs = pauseMs;
        this.windowStartNs = time.nanoseconds();
    }

    boolean unlimited() {
        return bytesPerSecondMax >= Double.MAX_VALUE;
    }

    /** Pauses with {@link Thread#sleep}; an interrupt ends the pause early and stays set. */
    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Accounts for {@code bytes} of I/O, pausing the caller if the cap has been passed. */
    void acquire(long bytes) {
        if (unlimited() || bytes <= 0) {
            return;
        }
        long waitMs;
        synchronized (this) {
            long now = time.nanoseconds();
            long elapsedNs = now - windowStartNs;
            windowBytes += bytes;
            double allowedNs = windowBytes / bytesPerSecondMax * 1e9;
            waitMs = (long) ((allowedNs - elapsedNs) / 1e6);
            if (elapsedNs > WINDOW_NS && waitMs <= 0) {
                windowStartNs = now;
                windowBytes = 0;
            }
        }
        if (waitMs > 0) {
            pauseMs.accept(waitMs);
        }
    }
}

package io.tributary.log;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many fsyncs the small-file writes of this process made (checkpoints, offset files and their
 * directories): what the broker's metadata-apply timer reports per batch, and what tests assert on
 * to prove a path does not fsync. Segment flushes are not counted; they are not on those paths.
 */
public final class LogFsyncs {

    private static final LongAdder FSYNCS = new LongAdder();

    private LogFsyncs() {
    }

    static void count() {
        FSYNCS.increment();
    }

    /** The fsyncs counted since the process started; compare two readings. */
    public static long total() {
        return FSYNCS.sum();
    }
}

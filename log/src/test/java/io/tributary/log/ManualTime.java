package io.tributary.log;

import io.tributary.common.Time;

/** A clock the test moves by hand. */
final class ManualTime implements Time {
    private volatile long ms;

    ManualTime(long startMs) {
        this.ms = startMs;
    }

    @Override
    public long milliseconds() {
        return ms;
    }

    @Override
    public long nanoseconds() {
        return ms * 1_000_000L;
    }

    void advance(long deltaMs) {
        ms += deltaMs;
    }
}

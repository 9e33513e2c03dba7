package io.tributary.controller;

import io.tributary.common.Time;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so; safe to read from the controller thread. */
final class ManualTime implements Time {

    private final AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(1_000));

    @Override
    public long milliseconds() {
        return 1_700_000_000_000L + TimeUnit.NANOSECONDS.toMillis(nanos.get());
    }

    @Override
    public long nanoseconds() {
        return nanos.get();
    }

    void advanceMs(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }
}

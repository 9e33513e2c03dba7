package io.tributary.broker.purgatory;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.LoggerFactory;

/**
 * A request that cannot be answered yet: a fetch waiting for {@code fetch.min.bytes}, a produce
 * waiting for the high watermark. It completes exactly once, either because its condition became
 * true ({@link #tryComplete}) or because its time ran out.
 *
 * <p>Transitions: waiting → completed (by condition, by expiry, or forced at shutdown). Checks may
 * run concurrently from several threads (appends on different event loops, the timer), so each
 * check and the completion are serialised on the operation itself; completing twice is impossible.
 *
 * @param <K> the key the operation watches (a partition)
 */
public abstract class DelayedOperation<K> {

    private final long timeoutMs;
    private final List<K> keys;
    private boolean completed;
    private boolean watched;
    private ScheduledFuture<?> timer;

    protected DelayedOperation(long timeoutMs, List<K> keys) {
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("timeout must be >= 0, got " + timeoutMs);
        }
        this.timeoutMs = timeoutMs;
        this.keys = List.copyOf(keys);
    }

    public final long timeoutMs() {
        return timeoutMs;
    }

    public final List<K> keys() {
        return keys;
    }

    /**
     * Checks the condition and, when it holds, calls {@link #forceComplete}. Returns whether the
     * operation is now complete. Called under the operation's lock, so it need not be thread-safe.
     */
    protected abstract boolean tryComplete();

    /** Sends the answer. Runs exactly once, under the operation's lock. */
    protected abstract void onComplete(boolean expired);

    /** Completes now, whatever the condition; returns false if it was already complete. */
    protected final synchronized boolean forceComplete(boolean expired) {
        if (completed) {
            return false;
        }
        completed = true;
        if (timer != null) {
            timer.cancel(false);
        }
        try {
            onComplete(expired);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(DelayedOperation.class).error("Delayed operation {} failed to complete", this, e);
        }
        return true;
    }

    public final synchronized boolean isCompleted() {
        return completed;
    }

    /** Runs {@link #tryComplete} unless already complete; returns whether the operation is complete. */
    final synchronized boolean check() {
        if (completed) {
            return true;
        }
        try {
            tryComplete();
        } catch (RuntimeException e) {
            // A failing check must not break the thread that triggered it (an append on another
            // connection); the operation answers now, and its own completion reports the failure.
            LoggerFactory.getLogger(DelayedOperation.class).error("Delayed operation {} failed its check; completing it", this, e);
            forceComplete(false);
        }
        return completed;
    }

    /** Marks the operation as counted by a purgatory; false if it already was. */
    final synchronized boolean markWatched() {
        if (watched) {
            return false;
        }
        watched = true;
        return true;
    }

    /** Clears the counted mark; true exactly once per {@link #markWatched}, so the count never drifts. */
    final synchronized boolean unmarkWatched() {
        if (!watched) {
            return false;
        }
        watched = false;
        return true;
    }

    final synchronized void setTimer(ScheduledFuture<?> timer) {
        if (completed) {
            timer.cancel(false);
        } else {
            this.timer = timer;
        }
    }
}

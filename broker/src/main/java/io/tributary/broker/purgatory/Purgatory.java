package io.tributary.broker.purgatory;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations waiting on keys (partitions), woken by events on those keys (an append, a high
 * watermark move) and expired by a timer.
 *
 * <p>Bounded: at most {@code operationsMax} operations wait at once. An operation that arrives
 * when the purgatory is full completes at once as if expired (an empty fetch, a timed-out produce),
 * which a client retries; memory stays bounded whatever the load.
 *
 * <p>Races: an event may fire between an operation's first check and its registration; so after
 * registering, the operation is checked once more. An operation completed by one key stays listed
 * under its other keys until the next event there or its own removal; {@link #watched} counts
 * only live ones.
 */
public final class Purgatory<K> {

    private static final Logger log = LoggerFactory.getLogger(Purgatory.class);

    private final String name;
    private final int operationsMax;
    private final ScheduledExecutorService timer;
    private final Map<K, Queue<DelayedOperation<K>>> watchers = new ConcurrentHashMap<>();
    private final AtomicInteger live = new AtomicInteger();
    /** Set by {@link #close}: from then on nothing waits, everything is answered as expired at once. */
    private volatile boolean closed;

    public Purgatory(String name, int operationsMax, ScheduledExecutorService timer) {
        if (operationsMax < 1) {
            throw new IllegalArgumentException("operationsMax must be at least 1");
        }
        this.name = name;
        this.operationsMax = operationsMax;
        this.timer = timer;
    }

    /**
     * Completes {@code op} now if its condition holds; otherwise watches its keys until an event
     * completes it or its timeout passes. Returns true when it completed before returning.
     */
    public boolean tryCompleteElseWatch(DelayedOperation<K> op) {
        if (op.check()) {
            return true;
        }
        if (op.timeoutMs() == 0 || closed) {
            op.forceComplete(true);
            return true;
        }
        if (live.incrementAndGet() > operationsMax) {
            live.decrementAndGet();
            log.debug("{} purgatory full at {} operations; answering early", name, operationsMax);
            op.forceComplete(true);
            return true;
        }
        op.markWatched();
        for (K key : op.keys()) {
            watchers.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(op);
        }
        if (op.check()) {
            unwatch(op);
            return true;
        }
        if (closed) {
            // Closed while this operation registered: close's sweep may have missed it, so it must
            // not wait (a stopping broker drains its requests, and nothing would wake this one).
            op.forceComplete(true);
            unwatch(op);
            return true;
        }
        op.setTimer(timer.schedule(() -> {
            if (op.forceComplete(true)) {
                unwatch(op);
            }
        }, op.timeoutMs(), TimeUnit.MILLISECONDS));
        return false;
    }

    /** Checks every operation watching {@code key}; returns how many completed. */
    public int checkAndComplete(K key) {
        Queue<DelayedOperation<K>> q = watchers.get(key);
        if (q == null || q.isEmpty()) {
            return 0;
        }
        int completed = 0;
        for (DelayedOperation<K> op : q) {
            if (op.isCompleted()) {
                unwatch(op);
            } else if (op.check()) {
                completed++;
                unwatch(op);
            }
        }
        return completed;
    }

    /** Forgets a key whose partition is gone, completing whatever still watches it (they see the partition gone). */
    public void removeKey(K key) {
        checkAndComplete(key);
        watchers.remove(key);
    }

    /** Live operations waiting. */
    public int watched() {
        return live.get();
    }

    /**
     * Stops waiting for good (a clean stop): every waiting operation completes as expired, and any
     * that arrives later is answered the same way at once. Without this, an {@code acks=all} produce
     * that was being handled while the stop began would wait for followers whose fetches the stopping
     * broker no longer reads, and hold the drain for its whole timeout.
     */
    public int close() {
        closed = true;
        return expireAll();
    }

    /** Completes every waiting operation as expired (shutdown, so clients get answers before the sockets close). */
    public int expireAll() {
        int n = 0;
        for (Queue<DelayedOperation<K>> q : watchers.values()) {
            for (DelayedOperation<K> op : q) {
                if (op.forceComplete(true)) {
                    n++;
                    unwatch(op);
                }
            }
        }
        return n;
    }

    private void unwatch(DelayedOperation<K> op) {
        for (K key : op.keys()) {
            Queue<DelayedOperation<K>> q = watchers.get(key);
            if (q != null) {
                // Empty queues stay: removing one could race an add and strand it. They go with their key.
                q.remove(op);
            }
        }
        if (op.unmarkWatched()) {
            live.decrementAndGet();
        }
    }
}

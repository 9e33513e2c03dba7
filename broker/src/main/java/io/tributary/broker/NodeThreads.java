package io.tributary.broker;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread pools a node owns, and how they stop. {@code tributary-scheduler-*} runs retention,
 * heartbeats, log flushes and directory deletion; {@code tributary-purgatory} expires delayed fetches
 * and produces; {@code tributary-io-*} ({@code num.io.threads}) runs appends that fsync, with a queue
 * bounded by {@code queued.max.requests}. Every thread is a named daemon, so a stuck one never keeps
 * the JVM up and a thread dump says whose it is.
 */
final class NodeThreads {

    final ScheduledThreadPoolExecutor scheduler;
    final ScheduledThreadPoolExecutor purgatoryTimer;
    final ThreadPoolExecutor io;

    NodeThreads(int ioThreads, int queuedMaxRequests) {
        this.scheduler = executor(2, "tributary-scheduler");
        this.purgatoryTimer = executor(1, "tributary-purgatory");
        AtomicInteger n = new AtomicInteger();
        // Bounded like a connection's in-flight set; when full, callers run the work themselves.
        this.io = new ThreadPoolExecutor(ioThreads, ioThreads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queuedMaxRequests), r -> {
                    Thread t = new Thread(r, "tributary-io-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    private static ScheduledThreadPoolExecutor executor(int threads, String name) {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        // Delayed work still queued at shutdown (deleting retired segment files) is redone at the next start.
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return e;
    }

    /** A clean stop: no new work; the scheduler and the io pool finish what runs, waiting requests are already answered. */
    void shutdown() {
        scheduler.shutdown();
        purgatoryTimer.shutdownNow();
        io.shutdown();
    }

    /** Waits up to {@code timeoutMs} for the scheduler's running work (a flush, a deletion), then interrupts it. */
    void awaitSchedulerTermination(long timeoutMs) throws InterruptedException {
        if (!scheduler.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
            scheduler.shutdownNow();
        }
    }

    /** A crash: every pool stops at once, interrupting what runs. */
    void shutdownNow() {
        scheduler.shutdownNow();
        purgatoryTimer.shutdownNow();
        io.shutdownNow();
    }
}

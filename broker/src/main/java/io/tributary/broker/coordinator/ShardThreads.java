package io.tributary.broker.coordinator;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads the group coordinator's shards run on: a few single-thread executors, each shard
 * pinned to one by its partition number, so a shard (which is not thread-safe) only ever runs on
 * one thread while different shards run in parallel. Nothing on these threads waits for I/O of
 * another node: appends return at once and replies are released by high-watermark events.
 */
final class ShardThreads implements AutoCloseable {

    private final ScheduledThreadPoolExecutor[] threads;
    private final LoadBuffer[] loadBuffers;

    ShardThreads(int count, int nodeId) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one coordinator thread, got " + count);
        }
        threads = new ScheduledThreadPoolExecutor[count];
        loadBuffers = new LoadBuffer[count];
        for (int i = 0; i < count; i++) {
            String name = "tributary-group-coordinator-" + nodeId + "-" + i;
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
            // A cancelled tick leaves the queue at once rather than at its deadline.
            e.setRemoveOnCancelPolicy(true);
            e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            threads[i] = e;
            loadBuffers[i] = new LoadBuffer();
        }
    }

    ScheduledExecutorService forPartition(int partition) {
        return threads[Math.floorMod(partition, threads.length)];
    }

    /** The load buffer of {@link #forPartition}'s thread: only tasks on that thread may use it. */
    LoadBuffer loadBufferFor(int partition) {
        return loadBuffers[Math.floorMod(partition, threads.length)];
    }

    /** Stops the threads once the tasks already queued (the unloads that answer waiting requests) have run. */
    @Override
    public void close() {
        for (ScheduledThreadPoolExecutor e : threads) {
            e.shutdown();
        }
        for (ScheduledThreadPoolExecutor e : threads) {
            try {
                if (!e.awaitTermination(5, TimeUnit.SECONDS)) {
                    e.shutdownNow();
                }
            } catch (InterruptedException ie) {
                e.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}

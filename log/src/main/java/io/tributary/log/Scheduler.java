package io.tributary.log;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the log's deferred work (deleting retired segment files, flushing a rolled segment) on a
 * thread the broker owns, so the log itself starts no threads.
 */
@FunctionalInterface
public interface Scheduler {

    /**
     * Runs {@code task} once, about {@code delayMs} from now, never on the calling thread's stack.
     * A task that throws is logged and dropped.
     */
    void schedule(String name, long delayMs, Runnable task);

    /** Adapts an executor the broker owns; tasks that throw are logged, not lost silently. */
    static Scheduler of(ScheduledExecutorService executor) {
        Logger log = LoggerFactory.getLogger(Scheduler.class);
        return (name, delayMs, task) -> {
            Runnable guarded = () -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    log.error("Scheduled log task {} failed", name, e);
                }
            };
            try {
                executor.schedule(guarded, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // The broker is shutting down; the files are removed on the next open instead.
                log.warn("Scheduled log task {} dropped: executor is shut down", name);
            }
        };
    }
}

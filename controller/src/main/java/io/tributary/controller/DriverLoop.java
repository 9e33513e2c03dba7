package io.tributary.controller;

import io.tributary.common.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The controller's one thread ({@code tributary-controller}) and the queue that feeds it. Everything
 * that touches the pure controller runs here, one task at a time, so the controller needs no locks.
 *
 * <p>Three kinds of work arrive, with different bounds, because they come from different places:
 * <ul>
 *   <li>requests (commands, heartbeats, fetches, connection closes) from network threads: at most
 *       {@code requestsMax} wait; beyond that {@link #offerRequest} refuses, and the caller answers
 *       with a retriable error (backpressure, never an unbounded queue, never a blocked network thread);</li>
 *   <li>log events (commits, leadership changes, snapshots) from the metadata log's thread: at most
 *       {@code logEventsMax} wait; beyond that {@link #putLogEvent} waits, which pushes back on the
 *       log (for Raft, on Ratis's apply thread) instead of dropping a commit;</li>
 *   <li>internal work ({@link #executeInternal}): append failures and wake-ups, bounded by
 *       construction (at most one per in-flight append, and wake-ups coalesce).</li>
 * </ul>
 * Timers (the session check, fetch deadlines) are not queued: between tasks the loop asks its
 * {@link Timers} for the next deadline, waits for a task at most until then, and runs what is due.
 *
 * <p>States: NEW → RUNNING ({@link #start}) → STOPPED ({@link #stop}). Work offered after stop is
 * refused (requests) or dropped (log events and internal work: nobody is left to act on them);
 * work that raced in just before is still run, so every request's future completes.
 */
final class DriverLoop {

    private static final Logger log = LoggerFactory.getLogger(DriverLoop.class);

    static final String THREAD_NAME = "tributary-controller";
    /** The longest the loop sleeps without looking at its timers, in case a timer source changed its mind. */
    private static final long WAIT_NS_MAX = TimeUnit.SECONDS.toNanos(1);
    private static final long STOP_WAIT_MS = 10_000;
    private static final Runnable STOP = () -> { };

    /** What the loop asks between tasks. Called on the loop thread only. */
    interface Timers {
        /** The next monotonic deadline in ns, or {@link Long#MAX_VALUE} for none. */
        long nextDeadlineNs();

        /** Runs whatever is due at {@code nowNs}. */
        void runDue(long nowNs);
    }

    private final Time time;
    private final Semaphore requestPermits;
    private final Semaphore logEventPermits;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean wakeupQueued = new AtomicBoolean();
    private final Thread thread;
    private final int requestsMax;
    private volatile Timers timers;
    private volatile Consumer<Throwable> onUncaught = t -> { };
    private volatile boolean stopped;

    DriverLoop(Time time, int requestsMax, int logEventsMax) {
        if (requestsMax < 1 || logEventsMax < 1) {
            throw new IllegalArgumentException("queue bounds must be >= 1, got " + requestsMax + " and " + logEventsMax);
        }
        this.time = time;
        this.requestsMax = requestsMax;
        this.requestPermits = new Semaphore(requestsMax);
        this.logEventPermits = new Semaphore(logEventsMax);
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    /** Starts the thread. {@code onUncaught} hears of any task that threw (the loop itself carries on). */
    void start(Timers timers, Consumer<Throwable> onUncaught) {
        if (thread.getState() != Thread.State.NEW) {
            throw new IllegalStateException("the controller loop was already started");
        }
        this.timers = timers;
        this.onUncaught = onUncaught;
        thread.start();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    int requestsMax() {
        return requestsMax;
    }

    /** Queues a request; false when {@code requestsMax} are already waiting or the loop stopped. */
    boolean offerRequest(Runnable task) {
        if (stopped || !requestPermits.tryAcquire()) {
            return false;
        }
        queue.add(() -> {
            requestPermits.release();
            task.run();
        });
        return true;
    }

    /**
     * Runs a log event: at once when called on the loop thread (a log that delivers inside an
     * append made by this thread), otherwise queued, waiting for room when the queue is full.
     */
    void putLogEvent(Runnable event) {
        if (inLoop()) {
            event.run();
            return;
        }
        try {
            while (!logEventPermits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (stopped) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while handing a metadata log event to the controller; the event is lost and the "
                    + "controller stops trusting its state");
            onUncaught.accept(e);
            return;
        }
        queue.add(() -> {
            logEventPermits.release();
            event.run();
        });
    }

    /** Queues internal work (bounded by construction, see the class comment); dropped after stop. */
    void executeInternal(Runnable task) {
        if (!stopped) {
            queue.add(task);
        }
    }

    /** Makes the loop look at its timers now (after a timer source moved a deadline earlier). */
    void wakeup() {
        if (!inLoop() && wakeupQueued.compareAndSet(false, true)) {
            executeInternal(() -> wakeupQueued.set(false));
        }
    }

    /**
     * Stops taking work, runs what was queued before, and ends the thread (bounded wait). Called
     * from another thread; on the loop thread itself it only marks the loop stopped.
     */
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        queue.add(STOP);
        if (inLoop() || thread.getState() == Thread.State.NEW) {
            return;
        }
        try {
            thread.join(STOP_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("The controller thread is still busy {} ms after stop; leaving it", STOP_WAIT_MS);
        }
    }

    /**
     * Runs what raced in behind STOP, so no caller waits forever: the owner has moved to its closed
     * state by now, so these tasks only fail their futures.
     */
    private void drainAfterStop() {
        java.util.List<Runnable> rest = new java.util.ArrayList<>();
        queue.drainTo(rest);
        for (Runnable r : rest) {
            try {
                r.run();
            } catch (Throwable e) {
                onUncaught.accept(e);
            }
        }
    }

    private void run() {
        while (true) {
            Runnable task;
            try {
                Timers t = timers;
                long now = time.nanoseconds();
                t.runDue(now);
                long next = t.nextDeadlineNs();
                long waitNs = next == Long.MAX_VALUE ? WAIT_NS_MAX : Math.min(WAIT_NS_MAX, next - time.nanoseconds());
                task = waitNs <= 0 ? queue.poll() : queue.poll(waitNs, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // Only stop() ends this thread, through STOP; losing it would wedge the controller.
                log.warn("The controller thread was interrupted; ignoring");
                continue;
            } catch (Throwable e) {
                onUncaught.accept(e);
                continue;
            }
            if (task == STOP) {
                drainAfterStop();
                return;
            }
            if (task != null) {
                try {
                    task.run();
                } catch (Throwable e) {
                    onUncaught.accept(e);
                }
            }
        }
    }
}

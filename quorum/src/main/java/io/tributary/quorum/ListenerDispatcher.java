package io.tributary.quorum;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * Runs every {@link QuorumListener} callback on one thread, in order. Ratis calls the state machine
 * from several threads (the apply thread for commits and snapshots, RPC threads for leader changes);
 * the listener sees one sequence.
 *
 * <p>Bounds: at most {@link #ORDERED_TASKS_MAX} ordered tasks (commits, snapshot work, "this node
 * is ready to lead") wait at once; the apply thread blocks when they are all taken, which pushes
 * back on Ratis rather than growing a queue. Leader changes seen by RPC threads must never block,
 * so they are coalesced: the latest observation is kept and at most one marker for it waits in the
 * queue; when the marker runs it delivers the latest observation, if it is news.
 *
 * <p>States: RUNNING → FAILED (a callback threw: every later task fails without calling the
 * listener, and {@code onFatal} runs once) → CLOSED; or RUNNING → CLOSED. Tasks submitted after
 * close fail with {@link QuorumException}.
 */
final class ListenerDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatcher.class);

    static final int ORDERED_TASKS_MAX = 1024;
    private static final long CLOSE_WAIT_MS = 10_000;

    private final int nodeId;
    private final QuorumListener listener;
    private final LongPredicate stillLocalLeaderInTerm;
    private final Consumer<Throwable> onFatal;

    // Holds at most ORDERED_TASKS_MAX ordered tasks (bounded by the semaphore), one leader marker
    // (bounded by markerPending) and one stop task.
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Semaphore orderedPermits = new Semaphore(ORDERED_TASKS_MAX);
    private final AtomicBoolean markerPending = new AtomicBoolean();
    private final AtomicReference<Leadership> observed = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;
    private final Object stopLock = new Object();
    private volatile boolean stopped;
    private volatile Throwable failure;

    // Touched only by the dispatcher thread.
    private Leadership delivered;

    /**
     * @param stillLocalLeaderInTerm whether this node still leads the given term and is ready, checked
     *                               just before "you are the leader" is delivered
     * @param onFatal                called once, on the dispatcher thread, when a callback throws
     */
    ListenerDispatcher(int nodeId, QuorumListener listener, LongPredicate stillLocalLeaderInTerm,
                       Consumer<Throwable> onFatal) {
        this.nodeId = nodeId;
        this.listener = listener;
        this.stillLocalLeaderInTerm = stillLocalLeaderInTerm;
        this.onFatal = onFatal;
        this.thread = new Thread(this::run, "tributary-quorum-listener-" + nodeId);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Delivers a committed entry; the future completes once the listener has taken it. */
    CompletableFuture<Void> commit(long index, long term, byte[] entry) {
        return submitOrdered(() -> {
            listener.onCommit(index, term, entry);
            return null;
        });
    }

    /** Runs {@code work} on the listener thread after everything submitted before it; waits for it. */
    <T> T call(Callable<T> work) throws Exception {
        try {
            return submitOrdered(work).get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /**
     * This node became leader of {@code term} and has applied every earlier entry: delivered after
     * all commits submitted so far, and only if it still leads that term by then.
     */
    void localLeaderReady(long term) {
        submitOrdered(() -> {
            if (stillLocalLeaderInTerm.test(term)) {
                deliver(new Leadership(nodeId, term, true));
            } else {
                LOG.info("Node {} led term {} only briefly; not reporting it as the active controller", nodeId, term);
            }
            return null;
        });
    }

    /** A leader (or none: -1) was observed from an RPC thread; never blocks. */
    void leaderObserved(int leaderId, long term) {
        Leadership next = new Leadership(leaderId, term, false);
        observed.accumulateAndGet(next, (prev, cur) -> prev == null || cur.term() >= prev.term() ? cur : prev);
        if (closed) {
            return;
        }
        if (markerPending.compareAndSet(false, true)) {
            queue.add(() -> {
                markerPending.set(false);
                Leadership latest = observed.get();
                if (latest != null && failure == null && !stopped) {
                    deliver(latest);
                }
            });
        }
    }

    private void deliver(Leadership l) {
        if (l.supersedes(delivered)) {
            delivered = l;
            listener.onLeaderChange(l.leaderId(), l.term(), l.local());
        }
    }

    private <T> CompletableFuture<T> submitOrdered(Callable<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            while (!orderedPermits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    done.completeExceptionally(new QuorumException("node " + nodeId + ": listener dispatcher is closed"));
                    return done;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(new QuorumException("interrupted while queueing for the listener", e));
            return done;
        }
        Runnable task = () -> {
            try {
                Throwable failed = failure;
                if (stopped) {
                    done.completeExceptionally(new QuorumException("node " + nodeId + ": listener dispatcher is closed"));
                } else if (failed != null) {
                    done.completeExceptionally(new QuorumException("node " + nodeId + ": listener failed earlier", failed));
                } else {
                    done.complete(work.call());
                }
            } catch (Throwable t) {
                done.completeExceptionally(t);
                fail(t);
            } finally {
                orderedPermits.release();
            }
        };
        synchronized (stopLock) {
            if (!stopped) {
                queue.add(task);
                return done;
            }
        }
        // The thread has stopped: run the task here, where it fails without calling the listener.
        task.run();
        return done;
    }

    private void fail(Throwable t) {
        if (failure != null) {
            return;
        }
        failure = t;
        LOG.error("Node {}: the quorum listener threw; stopping the quorum on this node, its state can no longer "
                + "be trusted to match the log", nodeId, t);
        try {
            listener.onFatalError(t);
        } catch (Throwable again) {
            LOG.error("Node {}: onFatalError threw too", nodeId, again);
        }
        onFatal.accept(t);
    }

    private void run() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                // Only close() stops this thread, through the stop task; an interrupt from elsewhere
                // is a bug, and losing the thread would wedge the apply thread, so keep going.
                LOG.warn("Node {}: listener thread interrupted; ignoring", nodeId);
                continue;
            }
            if (task == STOP) {
                stopAndFailTheRest();
                return;
            }
            try {
                task.run();
            } catch (Throwable t) {
                fail(t);
            }
        }
    }

    private static final Runnable STOP = () -> { };

    private void stopAndFailTheRest() {
        java.util.List<Runnable> rest = new java.util.ArrayList<>();
        synchronized (stopLock) {
            stopped = true;
            queue.drainTo(rest);
        }
        // With stopped set, each ordered task fails its future without calling the listener.
        rest.forEach(Runnable::run);
    }

    Throwable failure() {
        return failure;
    }

    boolean isListenerThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs what is queued, then stops the thread. Call after Ratis has stopped applying. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        if (!isListenerThread()) {
            try {
                thread.join(CLOSE_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("Node {}: listener thread still busy {} ms after close; leaving it", nodeId, CLOSE_WAIT_MS);
            }
        }
    }
}

package io.tributary.broker.cluster;

import io.tributary.metadata.image.MetadataImage;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Futures that complete once this broker's metadata image reaches an offset: a handler that forwarded
 * a change to the controller answers only once its own image shows it, so its client's next Metadata
 * request (to this broker) sees the change.
 *
 * <p>Each wait is bounded by its own timeout and then completes with {@code false} (the change is
 * committed either way; the image is merely late). At most {@link #WAITERS_MAX} wait at once; beyond
 * that a wait completes at once with {@code false} rather than queueing without bound.
 *
 * <p>Threading: {@link #published} runs on the thread that publishes images; waits may be added from
 * any thread. Guarded by this object's monitor; futures are completed outside it.
 */
public final class OffsetWaiters {

    /** Waits that may be pending at once: far above the requests in flight on any sane node. */
    static final int WAITERS_MAX = 10_000;

    private record Waiter(long offset, CompletableFuture<Boolean> future) {
    }

    private final Supplier<MetadataImage> image;
    private final ScheduledExecutorService timer;
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.offset, b.offset));

    public OffsetWaiters(Supplier<MetadataImage> image, ScheduledExecutorService timer) {
        this.image = image;
        this.timer = timer;
    }

    /** Completes with true once the image includes {@code offset}, or with false after {@code timeoutMs}. */
    public CompletableFuture<Boolean> await(long offset, long timeoutMs) {
        if (image.get().lastAppliedOffset() >= offset) {
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        synchronized (this) {
            if (waiters.size() >= WAITERS_MAX) {
                return CompletableFuture.completedFuture(false);
            }
            waiters.add(new Waiter(offset, f));
        }
        // The image may have moved on between the first check and the add: look again.
        published(image.get());
        if (!f.isDone()) {
            try {
                timer.schedule(() -> giveUp(f), Math.max(1, timeoutMs), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // The node is stopping: nobody will publish again.
                giveUp(f);
            }
        }
        return f;
    }

    private void giveUp(CompletableFuture<Boolean> f) {
        synchronized (this) {
            waiters.removeIf(w -> w.future == f);
        }
        f.complete(false);
    }

    /** The image now includes {@code next.lastAppliedOffset()}: release every wait it satisfies. */
    public void published(MetadataImage next) {
        long offset = next.lastAppliedOffset();
        List<CompletableFuture<Boolean>> done = new ArrayList<>();
        synchronized (this) {
            while (!waiters.isEmpty() && waiters.peek().offset <= offset) {
                done.add(waiters.poll().future);
            }
        }
        done.forEach(f -> f.complete(true));
    }

    synchronized int size() {
        return waiters.size();
    }
}

package io.tributary.broker.controller;

import io.tributary.common.Time;
import io.tributary.metadata.controller.ControllerConfig;
import io.tributary.metadata.controller.ControllerResult;
import io.tributary.metadata.controller.QuorumController;
import io.tributary.metadata.controller.api.ControllerCommand;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.record.MetadataRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller of a single node, in process: the pure {@link QuorumController} driven on one
 * thread ({@code tributary-controller}) fed by a bounded queue, over a {@link LocalMetadataLog}.
 * Commands return futures that complete once their records are committed and applied to every
 * listener, the broker's image included.
 *
 * <p>Every touch of the {@link QuorumController} and of the metadata log happens on the controller
 * thread, which is what makes the pure core safe to use without locks.
 *
 * <p>Lifecycle: {@link #start} (load the log, become active, bootstrap the cluster id) → commands →
 * {@link #close} (snapshot the image, close the log, stop the thread).
 */
public final class LocalController implements ControllerChannel, MetadataLog.Listener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalController.class);

    /** Commands that may wait for the controller thread; past it, callers get a retriable error. */
    public static final int QUEUE_CAPACITY = 1024;

    private final QuorumController core;
    private final LocalMetadataLog metadataLog;
    private final Time time;
    private final ThreadPoolExecutor thread;
    private final CompletableFuture<Void> bootstrapped = new CompletableFuture<>();
    private volatile boolean closed;

    public LocalController(ControllerConfig config, LocalMetadataLog metadataLog, Time time, RandomGenerator random) {
        this.core = new QuorumController(config, random);
        this.metadataLog = metadataLog;
        this.time = time;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
            Thread t = new Thread(r, "tributary-controller");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Registers the controller and {@code brokerListener} with the log (replaying what it holds), makes
     * this node active and bootstraps a new cluster. Completes when the image is ready for the broker.
     */
    public CompletableFuture<Void> start(MetadataLog.Listener brokerListener) {
        thread.execute(() -> {
            try {
                metadataLog.register(this);
                metadataLog.register(brokerListener);
                metadataLog.becomeActive();
            } catch (RuntimeException e) {
                bootstrapped.completeExceptionally(e);
            }
        });
        return bootstrapped;
    }

    /** The controller's committed image, read on the controller thread. */
    public CompletableFuture<MetadataImage> committedImage() {
        return onThread(core::committedImage);
    }

    /** Runs {@code task} on the controller thread, between metadata changes. */
    public CompletableFuture<Void> execute(Runnable task) {
        return onThread(() -> {
            task.run();
            return null;
        });
    }

    @Override
    public <R> CompletableFuture<R> submit(ControllerCommand<R> command) {
        CompletableFuture<R> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new ControllerUnavailableException("the controller is stopping"));
            return f;
        }
        try {
            thread.execute(() -> run(command, f));
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new ControllerUnavailableException(closed ? "the controller is stopping"
                    : "the controller has " + QUEUE_CAPACITY + " commands queued"));
        }
        return f;
    }

    private <R> void run(ControllerCommand<R> command, CompletableFuture<R> f) {
        try {
            ControllerResult<R> result = core.handle(command, time.milliseconds());
            append(result.records()).whenComplete((offset, error) -> {
                if (error != null) {
                    f.completeExceptionally(error);
                } else {
                    f.complete(result.response());
                }
            });
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
        }
    }

    private CompletableFuture<Long> append(List<MetadataRecord> records) {
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(-1L);
        }
        return metadataLog.append(core.epoch(), records).whenComplete((offset, error) -> {
            if (error != null) {
                core.appendFailed(error);
            }
        });
    }

    // ---- MetadataLog.Listener: called on the controller thread ----

    @Override
    public void onCommit(long offset, List<MetadataRecord> records) {
        core.replay(offset, records);
    }

    @Override
    public void onBecomeActive(long epoch) {
        // Run after the log finishes notifying every listener, so nothing appends from inside a callback.
        thread.execute(() -> {
            try {
                ControllerResult<Optional<String>> r = core.becomeActive(epoch, time.milliseconds());
                append(r.records()).join();
                r.response().ifPresent(id -> log.info("Bootstrapped a new cluster with id {}", id));
                bootstrapped.complete(null);
            } catch (RuntimeException e) {
                bootstrapped.completeExceptionally(e);
            }
        });
    }

    @Override
    public void onResign() {
        core.resign();
    }

    @Override
    public void onSnapshotLoaded(MetadataImage image) {
        core.loadSnapshot(image);
    }

    private <T> CompletableFuture<T> onThread(java.util.function.Supplier<T> s) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    f.complete(s.get());
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new ControllerUnavailableException("the controller is stopping"));
        }
        return f;
    }

    /** Stops the thread at once, leaving the metadata log as a crash would (tests of recovery). */
    public void halt() {
        closed = true;
        thread.shutdownNow();
    }

    /** Writes the snapshot (clean shutdown), closes the metadata log and stops the thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            CompletableFuture<Void> done = new CompletableFuture<>();
            thread.execute(() -> {
                try {
                    metadataLog.snapshotAndClose(core.committedImage());
                } finally {
                    done.complete(null);
                }
            });
            closed = true;
            done.get(10, TimeUnit.SECONDS);
        } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
            log.warn("Controller did not close cleanly; the metadata log will be replayed at the next start", e);
            metadataLog.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metadataLog.close();
        } finally {
            closed = true;
            thread.shutdown();
            try {
                if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

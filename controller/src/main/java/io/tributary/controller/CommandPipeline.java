package io.tributary.controller;

import io.tributary.common.Time;
import io.tributary.metadata.controller.ControllerResult;
import io.tributary.metadata.controller.QuorumController;
import io.tributary.metadata.controller.api.ControllerCommand;
import io.tributary.metadata.log.NotControllerException;
import io.tributary.metadata.record.MetadataRecord;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The active controller's write path: runs a command on the pure controller, appends its records
 * as one batch fenced to the controller's epoch, and tells the caller once that batch (or, for a
 * command that wrote nothing, the batches appended before it) is committed and replayed. The
 * {@link PendingBatches} it keeps mirror the pure controller's uncommitted batches one for one,
 * which {@link #checkMirror} asserts after every step.
 *
 * <p>Bounded by the controller's {@code maxUncommittedBatches}: a command beyond it is refused
 * with {@link ControllerUnavailableException} (the caller retries) rather than queued. Driver
 * thread only.
 */
final class CommandPipeline {

    /** What the pipeline needs from the driver. */
    interface Driver {
        /** Runs {@code r} on the controller thread (at once when already on it). */
        void onControllerThread(Runnable r);

        /** An append of {@code epoch} failed: the driver resigns (if that epoch is still current). */
        void appendFailed(long epoch, Throwable error);

        NotControllerException notController(String why);
    }

    private final int nodeId;
    private final QuorumController core;
    private final ControllerLog log;
    private final Time time;
    private final Driver driver;
    private final PendingBatches pending = new PendingBatches();

    CommandPipeline(int nodeId, QuorumController core, ControllerLog log, Time time, Driver driver) {
        this.nodeId = nodeId;
        this.core = core;
        this.log = log;
        this.time = time;
        this.driver = driver;
    }

    /** Fails {@code f} unless this node is the active controller; true when it is. */
    boolean refuseUnlessActive(CompletableFuture<?> f) {
        if (!core.isActive()) {
            f.completeExceptionally(driver.notController("node " + nodeId + " is not the active controller"));
            return false;
        }
        return true;
    }

    /** Runs a command; {@code onHandled} (may be null) sees the response before its records are appended. */
    <R> void execute(ControllerCommand<R> command, CompletableFuture<R> f, Consumer<R> onHandled) {
        if (!refuseUnlessActive(f)) {
            return;
        }
        if (!core.hasCapacity()) {
            f.completeExceptionally(new ControllerUnavailableException(core.uncommittedBatches()
                    + " metadata batches wait for commit; retry shortly"));
            return;
        }
        ControllerResult<R> result;
        try {
            result = core.handle(command, time.monotonicMs());
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
            return;
        }
        if (onHandled != null) {
            onHandled.accept(result.response());
        }
        appendThenTell(result.records(), PendingBatches.completing(f, result.response()));
    }

    /** Appends the records as one batch (if any) and tells {@code waiter} once they, or the batches before, commit. */
    void appendThenTell(List<MetadataRecord> records, PendingBatches.Waiter waiter) {
        if (records.isEmpty()) {
            pending.addWaiter(waiter);
            return;
        }
        long epoch = core.epoch();
        // Registered before the append: a local log commits inside append, on this thread.
        pending.add(records, waiter);
        CompletableFuture<Long> appended;
        try {
            appended = log.append(epoch, records);
        } catch (RuntimeException e) {
            appended = CompletableFuture.failedFuture(e);
        }
        appended.whenComplete((offset, error) -> {
            if (error != null) {
                driver.onControllerThread(() -> driver.appendFailed(epoch, error));
            }
        });
        checkMirror();
    }

    /**
     * A batch was committed and the pure controller replayed it. {@code ours}, taken before the
     * replay, says whether it was this controller's oldest pending batch (active, with batches pending).
     */
    void committed(List<MetadataRecord> records, boolean ours) {
        if (ours) {
            pending.oldestCommitted(records);
        }
        checkMirror();
    }

    /** Every pending batch is abandoned: its waiters get {@code cause}. */
    void failAll(Throwable cause) {
        pending.failAll(cause);
    }

    int pendingCount() {
        return pending.size();
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** TigerBeetle-style: the pending batches mirror the pure controller's, one for one. */
    void checkMirror() {
        if (pending.size() != core.uncommittedBatches()) {
            throw new IllegalStateException("node " + nodeId + ": " + pending.size() + " pending batch(es) tracked but the "
                    + "controller has " + core.uncommittedBatches());
        }
    }
}

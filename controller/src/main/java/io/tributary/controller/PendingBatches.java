package io.tributary.controller;

import io.tributary.metadata.record.MetadataRecord;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The batches the active controller appended that have not come back committed, each with the
 * callers waiting for it, in append order. It mirrors the pure controller's own list of uncommitted
 * batches one for one (the driver asserts the two lengths agree after every step).
 *
 * <p>A command that produced records waits for its own batch. A command that produced none (a
 * heartbeat that changes nothing, say) waits for the newest pending batch, if any: its answer was
 * computed against an image that includes those uncommitted records, and must not reach the caller
 * before they are committed (KRaft's rule for read-after-write).
 *
 * <p>Bounded by the controller's {@code maxUncommittedBatches}; each batch holds as many waiters as
 * commands ran while it was the newest, which the request queue bounds. Driver thread only.
 */
final class PendingBatches {

    /** Someone waiting for a batch: told when it commits, or why it never will. */
    interface Waiter {
        void committed();

        void failed(Throwable cause);
    }

    private static final class Batch {
        final List<MetadataRecord> records;
        final List<Waiter> waiters = new ArrayList<>(1);

        Batch(List<MetadataRecord> records) {
            this.records = records;
        }
    }

    private final Deque<Batch> batches = new ArrayDeque<>();

    int size() {
        return batches.size();
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }

    /** A new batch about to be appended, with its first waiter. */
    void add(List<MetadataRecord> records, Waiter waiter) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("an empty batch is never appended");
        }
        Batch b = new Batch(records);
        b.waiters.add(waiter);
        batches.addLast(b);
    }

    /** A waiter with no batch of its own: it waits for the newest pending batch, or is told at once. */
    void addWaiter(Waiter waiter) {
        Batch newest = batches.peekLast();
        if (newest == null) {
            waiter.committed();
        } else {
            newest.waiters.add(waiter);
        }
    }

    /**
     * The oldest batch committed with {@code records}: its waiters are told. The records must be
     * that batch's (the pure controller checked it already; this is the same invariant, here).
     */
    void oldestCommitted(List<MetadataRecord> records) {
        Batch b = batches.pollFirst();
        if (b == null) {
            throw new IllegalStateException("a batch of this controller committed, but none is pending");
        }
        if (!b.records.equals(records)) {
            throw new IllegalStateException("the committed batch is not the oldest pending one");
        }
        b.waiters.forEach(Waiter::committed);
    }

    /** Every pending batch is abandoned (resignation, a failed append): each waiter gets {@code cause}. */
    void failAll(Throwable cause) {
        List<Batch> all = new ArrayList<>(batches);
        batches.clear();
        for (Batch b : all) {
            b.waiters.forEach(w -> w.failed(cause));
        }
    }

    /** Waiter of a future: completes it with {@code response} on commit. */
    static <R> Waiter completing(java.util.concurrent.CompletableFuture<R> future, R response) {
        return new Waiter() {
            @Override
            public void committed() {
                future.complete(response);
            }

            @Override
            public void failed(Throwable cause) {
                future.completeExceptionally(cause);
            }
        };
    }

    /** Waiter that runs {@code onCommitted}, or hands the failure to {@code onFailed}. */
    static Waiter of(Runnable onCommitted, Consumer<Throwable> onFailed) {
        return new Waiter() {
            @Override
            public void committed() {
                onCommitted.run();
            }

            @Override
            public void failed(Throwable cause) {
                onFailed.accept(cause);
            }
        };
    }
}

package io.tributary.metadata.log;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.MetadataRecord;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between the pure controller and the quorum that makes metadata durable and ordered
 * (Apache Ratis in a cluster, an in-memory log in tests and the simulation).
 *
 * <p>Contract:
 * <ul>
 *   <li>A batch (the records of one command) is appended atomically: listeners see all of it or
 *       none, at one offset. Offsets grow strictly but need not be consecutive.</li>
 *   <li>{@code append} completes with the batch's offset once the batch is committed, and only
 *       after every listener was given it through {@link Listener#onCommit}. It fails with
 *       {@link NotControllerException} when this node is not the active controller, or, for
 *       {@link #append(long, List)}, when the current term is not {@code epoch}.</li>
 *   <li>Listeners are called from one thread at a time, in log order: an optional
 *       {@link Listener#onSnapshotLoaded} first, then committed batches; leadership changes arrive
 *       between batches. {@link Listener#onBecomeActive} is called only once every batch committed
 *       in earlier terms has been delivered, so the new active controller starts from a complete
 *       image (KRaft's rule too).</li>
 * </ul>
 */
public interface MetadataLog {

    /** Appends one batch in the current term. */
    CompletableFuture<Long> append(List<MetadataRecord> records);

    /**
     * Appends one batch only if {@code epoch} is still the current term of this node's leadership.
     * The controller uses this form, so records computed in one term can never land in another.
     */
    CompletableFuture<Long> append(long epoch, List<MetadataRecord> records);

    /** Registers a listener; it first receives the current snapshot (if any) and every committed batch since. */
    void register(Listener listener);

    /** What a node learns from the log. */
    interface Listener {

        /** A committed batch, in log order. */
        void onCommit(long offset, List<MetadataRecord> records);

        /** This node became the active controller for term {@code epoch}. */
        void onBecomeActive(long epoch);

        /** This node stopped being the active controller; its uncommitted appends may or may not commit. */
        void onResign();

        /** The node's state is replaced by a snapshot; later batches follow its offset. */
        void onSnapshotLoaded(MetadataImage image);
    }
}

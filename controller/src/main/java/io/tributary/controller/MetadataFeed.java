package io.tributary.controller;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.MetadataBatchCodec;
import io.tributary.metadata.record.MetadataRecord;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Metadata for brokers' long-polls: answers a fetch from the {@link MetadataTail} (or with a
 * snapshot of the committed image when the broker is further behind than the tail reaches), parks
 * it when there is nothing new yet, and answers parked fetches as soon as a batch they want commits,
 * or empty at their deadline.
 *
 * <p>A snapshot's encoding is kept until the image moves on, so many brokers catching up at once
 * (after a controller failover, say) cost one encoding. Driver thread only.
 */
final class MetadataFeed {

    private final MetadataTail tail;
    private final ParkedFetches parked;
    private final int responseBytesMax;
    private final Supplier<MetadataImage> committedImage;
    private MetadataFetchEntry cachedSnapshot;

    MetadataFeed(ControllerDriverConfig config, Supplier<MetadataImage> committedImage) {
        this.tail = new MetadataTail(config.tailBatchesMax(), config.tailBytesMax());
        this.parked = new ParkedFetches(config.parkedFetchesMax());
        this.responseBytesMax = config.fetchResponseBytesMax();
        this.committedImage = committedImage;
    }

    /** A batch committed (and the committed image now includes it): keep it, and answer whoever waited for it. */
    void committed(long offset, List<MetadataRecord> records) {
        tail.append(offset, MetadataBatchCodec.encode(records));
        for (ParkedFetches.Parked p : parked.answeredBy(offset)) {
            p.future().complete(read(p.fromOffset()));
        }
    }

    /** A snapshot replaced the state: the tail starts again after it. */
    void snapshotLoaded(MetadataImage image) {
        tail.reset(image.lastAppliedOffset());
        cachedSnapshot = null;
    }

    /**
     * Answers at once when there is something at or after {@code fromOffset} (or {@code maxWaitMs}
     * is not positive), otherwise parks the fetch until {@code nowNs + maxWaitMs}.
     */
    void fetch(long fromOffset, long maxWaitMs, long nowNs, CompletableFuture<MetadataFetchResult> future) {
        MetadataFetchResult r = read(fromOffset);
        if (!r.isEmpty() || maxWaitMs <= 0) {
            future.complete(r);
            return;
        }
        long deadlineNs = nowNs + TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        if (!parked.park(new ParkedFetches.Parked(fromOffset, deadlineNs, future))) {
            future.completeExceptionally(new ControllerUnavailableException(parked.max()
                    + " metadata fetches already wait for a commit; retry shortly"));
        }
    }

    /** Answers, empty, every parked fetch whose deadline passed. */
    void expire(long nowNs) {
        List<ParkedFetches.Parked> due = parked.expired(nowNs);
        if (!due.isEmpty()) {
            MetadataFetchResult empty = MetadataFetchResult.empty(committedImage.get().lastAppliedOffset());
            due.forEach(p -> p.future().complete(empty));
        }
    }

    long nextDeadlineNs() {
        return parked.nextDeadlineNs();
    }

    /** Fails every parked fetch (this controller is no longer active, or stops). */
    void failParked(Throwable cause) {
        parked.drain().forEach(p -> p.future().completeExceptionally(cause));
    }

    int parkedCount() {
        return parked.size();
    }

    MetadataTail tail() {
        return tail;
    }

    private MetadataFetchResult read(long fromOffset) {
        MetadataImage image = committedImage.get();
        long hw = image.lastAppliedOffset();
        if (tail.covers(fromOffset)) {
            return new MetadataFetchResult(hw, tail.read(fromOffset, responseBytesMax));
        }
        return new MetadataFetchResult(hw, List.of(snapshotOf(image)));
    }

    private MetadataFetchEntry snapshotOf(MetadataImage image) {
        MetadataFetchEntry s = cachedSnapshot;
        if (s == null || s.offset() != image.lastAppliedOffset()) {
            ByteBuffer bytes = MetadataBatchCodec.encode(image.toRecords());
            s = MetadataFetchEntry.snapshot(image.lastAppliedOffset(), bytes);
            cachedSnapshot = s;
        }
        return s;
    }
}

package io.tributary.broker.cluster;

import io.tributary.broker.net.client.ControllerClient;
import io.tributary.common.ErrorCode;
import io.tributary.common.records.RecordsSlice;
import io.tributary.controller.MetadataFetchEntry;
import io.tributary.controller.MetadataFetchFraming;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.record.MetadataBatchCodec;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.wire.api.IsolationLevel;
import io.tributary.wire.api.fetch.FetchClientCodec;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this broker's metadata image in step with the active controller by long-poll: a Fetch of
 * {@code __cluster_metadata} partition 0 from {@code fetchOffset} = the next offset it needs, which
 * the controller answers as soon as something at or after it commits (or empty after
 * {@value #MAX_WAIT_MS} ms). Each answer's batches, or the snapshot that leads it, are replayed into
 * the broker's image through the publisher, and the next Fetch goes out at once, so a change reaches
 * this broker one round trip after it commits.
 *
 * <p>The records field carries {@link MetadataFetchFraming} (docs/design/cluster.md). A broker keeps
 * no metadata on disk: at each start it fetches from offset 0 and gets the controller's snapshot, or
 * its whole tail.
 *
 * <p>Failures (no active controller during an election, an answer that does not parse or cannot be
 * applied) are retried from the same offset after a capped backoff ({@value #BACKOFF_MIN_MS} ms doubling
 * to {@value #BACKOFF_MAX_MS} ms): nothing is skipped, and the image stays at the last batch applied whole.
 *
 * <p>Threading: one thread, {@code tributary-metadata-<id>}, applies every answer (the partitions
 * follow the image on it, opening logs) and runs {@link #execute} tasks between answers. Responses
 * arrive on the controller client's event loop and are handed over at once. At most one Fetch is in
 * flight.
 */
public final class MetadataFetcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetadataFetcher.class);

    /** How long the controller holds a long-poll with nothing new (cluster.md: 500 ms). */
    public static final long MAX_WAIT_MS = 500;
    static final long BACKOFF_MIN_MS = 50;
    static final long BACKOFF_MAX_MS = 1_000;
    /** The whole of one Fetch call, retries on other controllers included, before it counts as failed. */
    static final long CALL_TIMEOUT_MS = 5_000;
    /** Bytes of batches asked for per answer (the controller sends at most 1 MiB, and always one whole batch). */
    static final int RESPONSE_BYTES_MAX = 8 << 20;

    private final int nodeId;
    private final ControllerClient client;
    private final MetadataLog.Listener sink;
    private final Supplier<MetadataImage> image;
    private final ScheduledThreadPoolExecutor thread;
    private final CompletableFuture<MetadataImage> caughtUp = new CompletableFuture<>();
    private final long startNs = System.nanoTime();

    // Fetcher thread only.
    private long nextOffset;
    private int failuresInARow;

    private volatile long highWatermark = -1;
    private volatile boolean closed;

    /**
     * @param sink  replays what is fetched (the broker's {@code MetadataPublisher})
     * @param image the image {@code sink} publishes, read to tell when this broker has caught up
     */
    public MetadataFetcher(int nodeId, ControllerClient client, MetadataLog.Listener sink, Supplier<MetadataImage> image) {
        this.nodeId = nodeId;
        this.client = client;
        this.sink = sink;
        this.image = image;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tributary-metadata-" + nodeId);
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
    }

    public void start() {
        thread.execute(this::fetch);
    }

    /**
     * Completes, on the fetcher thread, with the image once this broker has replayed everything the
     * controller had committed when it first answered, and the image names a cluster id.
     */
    public CompletableFuture<MetadataImage> caughtUp() {
        return caughtUp;
    }

    /** The controller's committed offset as of its latest answer (-1 before the first). */
    public long highWatermark() {
        return highWatermark;
    }

    /** Runs {@code task} on the fetcher thread, between two answers (so it sees one image, and no batch lands meanwhile). */
    public CompletableFuture<Void> execute(Runnable task) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    task.run();
                    f.complete(null);
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new IllegalStateException("the metadata fetcher of node " + nodeId + " is closed"));
        }
        return f;
    }

    private FetchRequest request(long fetchOffset) {
        FetchRequest.Partition p = new FetchRequest.Partition(0, -1, fetchOffset, -1, -1L, RESPONSE_BYTES_MAX);
        return new FetchRequest(nodeId, -1L, (int) MAX_WAIT_MS, 1, RESPONSE_BYTES_MAX, IsolationLevel.READ_UNCOMMITTED, 0, -1,
                List.of(new FetchRequest.Topic(FetchRequest.CLUSTER_METADATA_TOPIC, FetchRequest.CLUSTER_METADATA_TOPIC_ID, List.of(p))),
                List.of(), "", null);
    }

    private void fetch() {
        if (closed) {
            return;
        }
        long offset = nextOffset;
        CompletableFuture<FetchResponse> call;
        try {
            call = client.send(FetchClientCodec.INSTANCE, request(offset), CALL_TIMEOUT_MS);
        } catch (RuntimeException e) {
            failed(offset, e.toString());
            return;
        }
        call.whenComplete((response, error) -> {
            try {
                thread.execute(() -> answered(offset, response, error));
            } catch (RejectedExecutionException e) {
                // Closed meanwhile: nothing more to apply.
            }
        });
    }

    private void answered(long offset, FetchResponse response, Throwable error) {
        if (closed) {
            return;
        }
        if (error != null) {
            failed(offset, error.getMessage() == null ? error.toString() : error.getMessage());
            return;
        }
        FetchResponse.PartitionResponse p = onlyPartition(response);
        if (p == null) {
            failed(offset, "the controller answered with " + describe(response));
            return;
        }
        try {
            apply(p);
        } catch (RuntimeException e) {
            log.error("Node {}: the metadata the controller sent from offset {} cannot be applied; fetching it again", nodeId, offset, e);
            failed(offset, e.toString());
            return;
        }
        highWatermark = p.highWatermark();
        if (failuresInARow > 0) {
            log.info("Node {}: fetching metadata from the active controller again after {} failed attempt(s), at offset {}", nodeId,
                    failuresInARow, nextOffset);
        }
        failuresInARow = 0;
        checkCaughtUp();
        thread.execute(this::fetch);
    }

    private static FetchResponse.PartitionResponse onlyPartition(FetchResponse r) {
        if (r.error() != ErrorCode.NONE || r.topics().size() != 1 || r.topics().get(0).partitions().size() != 1) {
            return null;
        }
        FetchResponse.PartitionResponse p = r.topics().get(0).partitions().get(0);
        return p.error() == ErrorCode.NONE && p.partition() == 0 ? p : null;
    }

    private static String describe(FetchResponse r) {
        if (r.error() != ErrorCode.NONE) {
            return "error " + r.error();
        }
        return r.topics().stream().flatMap(t -> t.partitions().stream()).map(p -> "partition " + p.partition() + ": " + p.error())
                .toList().toString();
    }

    /** Replays the answer's entries in order; {@link #nextOffset} moves past each one applied. */
    private void apply(FetchResponse.PartitionResponse p) {
        if (!(p.records() instanceof RecordsSlice.Buffer buffer)) {
            if (p.records().sizeInBytes() == 0) {
                return;
            }
            throw new IllegalStateException("metadata records arrived as " + p.records().getClass().getSimpleName());
        }
        List<MetadataFetchEntry> entries = MetadataFetchFraming.decode(buffer.bytes());
        for (MetadataFetchEntry e : entries) {
            ByteBuffer payload = e.payload();
            List<MetadataRecord> records = MetadataBatchCodec.decode(payload);
            if (e.kind() == MetadataFetchEntry.Kind.SNAPSHOT) {
                MetadataImage current = image.get();
                if (e.offset() < current.lastAppliedOffset()) {
                    throw new IllegalStateException("a snapshot at offset " + e.offset() + " is older than this broker's image at "
                            + current.lastAppliedOffset());
                }
                MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
                delta.replayAll(records);
                MetadataImage loaded = delta.apply(e.offset());
                sink.onSnapshotLoaded(loaded);
                log.info("Node {} loaded a metadata snapshot at offset {} from the controller ({} broker(s), {} topic(s))", nodeId,
                        e.offset(), loaded.brokers().size(), loaded.topics().size());
            } else if (e.offset() >= nextOffset) {
                sink.onCommit(e.offset(), records);
            } else {
                continue;
            }
            nextOffset = e.offset() + 1;
        }
    }

    private void checkCaughtUp() {
        if (caughtUp.isDone()) {
            return;
        }
        MetadataImage now = image.get();
        if (now.lastAppliedOffset() >= highWatermark && now.clusterId().isPresent()) {
            log.info("Node {} caught up with the cluster metadata at offset {} (the controller's committed offset) in {} ms: "
                    + "cluster {}, {} broker(s), {} topic(s)", nodeId, now.lastAppliedOffset(), (System.nanoTime() - startNs) / 1_000_000,
                    now.clusterId().get(), now.brokers().size(), now.topics().size());
            caughtUp.complete(now);
        }
    }

    private void failed(long offset, String reason) {
        failuresInARow++;
        long delayMs = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS << Math.min(failuresInARow - 1, 10));
        // The first failure and then one in ten: an election or a long outage should not flood the log.
        if (failuresInARow == 1 || failuresInARow % 10 == 0) {
            log.info("Node {}: fetching metadata from offset {} failed ({} in a row): {}; retrying in {} ms", nodeId, offset,
                    failuresInARow, reason, delayMs);
        }
        try {
            thread.schedule(this::fetch, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed.
        }
    }

    /** Stops fetching; an answer still on its way is dropped. */
    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Node {}: the metadata fetcher thread did not stop within 5 s", nodeId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        caughtUp.completeExceptionally(new IllegalStateException("the metadata fetcher of node " + nodeId + " closed"));
    }
}

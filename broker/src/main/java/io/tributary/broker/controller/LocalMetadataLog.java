package io.tributary.broker.controller;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.log.NotControllerException;
import io.tributary.metadata.record.MetadataBatchCodec;
import io.tributary.metadata.record.MetadataRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata log of a single node: a local file in {@code <metadata dir>/__cluster_metadata-0/}
 * ({@link MetadataLogFile}: length-prefixed, CRC'd batches, fsynced before an append is
 * acknowledged, a torn tail cut on open) plus a snapshot written on clean shutdown
 * ({@link MetadataSnapshotFile}) so that the next start is fast. This node is always the active
 * controller; each start is a new epoch.
 *
 * <p>The cluster release replaces this class with a Ratis-backed {@link MetadataLog}; nothing else
 * in the broker depends on it being local.
 *
 * <p>Lifecycle: {@link #open} → {@link #register} listeners → {@link #becomeActive} → appends →
 * {@link #snapshotAndClose} (clean) or {@link #close}. Thread-safe by a monitor, though in practice the
 * controller thread is the only caller after startup; listeners run on the appending thread, in order.
 */
public final class LocalMetadataLog implements MetadataLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalMetadataLog.class);
    public static final String DIR_NAME = "__cluster_metadata-0";

    private record Batch(long offset, List<MetadataRecord> records) {
    }

    private final Path dir;
    private final MetadataLogFile file;
    private final List<Listener> listeners = new ArrayList<>();
    private final List<Batch> committed = new ArrayList<>();
    private MetadataImage snapshot;
    private long nextOffset;
    private final long epoch;
    private boolean active;
    private boolean failed;
    private boolean closed;

    private LocalMetadataLog(Path dir, MetadataLogFile file, MetadataImage snapshot, List<Batch> batches, long nextOffset,
                             long epoch) {
        this.dir = dir;
        this.file = file;
        this.snapshot = snapshot;
        this.committed.addAll(batches);
        this.nextOffset = nextOffset;
        this.epoch = epoch;
    }

    /** Opens (creating if needed) the log under {@code metadataLogDir}, recovering from its files. */
    public static LocalMetadataLog open(Path metadataLogDir) throws IOException {
        long startNs = System.nanoTime();
        Path dir = metadataLogDir.resolve(DIR_NAME);
        Files.createDirectories(dir);
        MetadataSnapshotFile.Loaded loaded = MetadataSnapshotFile.loadLatest(dir);
        MetadataImage snapshot = loaded == null ? null : loaded.image();
        long snapshotOffset = snapshot == null ? -1 : snapshot.lastAppliedOffset();
        long maxEpoch = loaded == null ? 0 : loaded.epoch();
        MetadataLogFile file = new MetadataLogFile(dir.resolve(String.format("%020d", 0) + ".log"));
        MetadataLogFile.ReadResult read = file.readAll();
        List<Batch> batches = new ArrayList<>();
        long lastOffset = snapshotOffset;
        for (MetadataLogFile.Entry e : read.entries()) {
            maxEpoch = Math.max(maxEpoch, e.epoch());
            if (e.offset() <= snapshotOffset) {
                continue;
            }
            batches.add(new Batch(e.offset(), MetadataBatchCodec.decode(e.payload())));
            lastOffset = e.offset();
        }
        if (read.tornBytesCut() > 0) {
            log.warn("Metadata log {}: cut a torn tail of {} bytes after offset {}", file.path(), read.tornBytesCut(), lastOffset);
        }
        long epoch = maxEpoch + 1;
        log.info("Metadata log loaded from {} in {} ms: snapshot at offset {}, {} batches after it, epoch {}", dir,
                (System.nanoTime() - startNs) / 1_000_000, snapshotOffset, batches.size(), epoch);
        return new LocalMetadataLog(dir, file, snapshot, batches, lastOffset + 1, epoch);
    }

    public Path directory() {
        return dir;
    }

    public synchronized long epoch() {
        return epoch;
    }

    /** The offset of the last committed batch, or -1 when the log is empty. */
    public synchronized long lastCommittedOffset() {
        return nextOffset - 1;
    }

    @Override
    public synchronized void register(Listener listener) {
        listeners.add(listener);
        if (snapshot != null) {
            listener.onSnapshotLoaded(snapshot);
        }
        for (Batch b : committed) {
            listener.onCommit(b.offset(), b.records());
        }
        if (active) {
            listener.onBecomeActive(epoch);
        }
    }

    /** This node takes the controller role for this run's epoch. Called once, after listeners registered. */
    public synchronized void becomeActive() {
        if (active) {
            throw new IllegalStateException("metadata log already active in epoch " + epoch);
        }
        active = true;
        for (Listener l : List.copyOf(listeners)) {
            l.onBecomeActive(epoch);
        }
    }

    @Override
    public CompletableFuture<Long> append(List<MetadataRecord> records) {
        return append(epoch, records);
    }

    @Override
    public synchronized CompletableFuture<Long> append(long expectedEpoch, List<MetadataRecord> records) {
        if (closed || failed || !active || expectedEpoch != epoch) {
            String why = closed ? "the metadata log is closed" : failed ? "the metadata log failed an earlier write"
                    : !active ? "this node is not active yet" : "epoch " + expectedEpoch + " is not the current " + epoch;
            return CompletableFuture.failedFuture(new NotControllerException(why, OptionalInt.empty()));
        }
        if (records.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a batch needs at least one record"));
        }
        ByteBuffer bytes = MetadataBatchCodec.encode(records);
        // Read back what will be on disk, so listeners replay exactly what a restart would.
        List<MetadataRecord> copy = MetadataBatchCodec.decode(bytes.duplicate());
        long offset = nextOffset;
        try {
            file.append(offset, epoch, bytes);
        } catch (IOException e) {
            failed = true;
            log.error("Metadata log {}: cannot write batch at offset {}; refusing further metadata changes", file.path(), offset, e);
            return CompletableFuture.failedFuture(new UncheckedIOException(e));
        }
        nextOffset++;
        committed.add(new Batch(offset, copy));
        for (Listener l : List.copyOf(listeners)) {
            l.onCommit(offset, copy);
        }
        return CompletableFuture.completedFuture(offset);
    }

    /**
     * Writes {@code image} as a snapshot and empties the log file, if the image covers every
     * committed batch; then closes. Called on clean shutdown with the controller's image.
     */
    public synchronized void snapshotAndClose(MetadataImage image) {
        try {
            if (!closed && !failed && image.lastAppliedOffset() == nextOffset - 1 && image.lastAppliedOffset() >= 0) {
                MetadataSnapshotFile.write(dir, image, epoch);
                file.clear();
                committed.clear();
                snapshot = image;
                log.info("Metadata snapshot written at offset {}", image.lastAppliedOffset());
            } else if (!closed) {
                log.info("Metadata snapshot skipped: image at offset {}, log at {}", image.lastAppliedOffset(), nextOffset - 1);
            }
        } catch (IOException e) {
            log.warn("Cannot write the metadata snapshot in {}; the next start replays the log instead", dir, e);
        } finally {
            close();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            file.close();
        } catch (IOException e) {
            log.warn("Closing metadata log {} failed", file.path(), e);
        }
    }
}

package io.tributary.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Producer-state snapshot files, {@code <20-digit offset>.snapshot}: the state of every producer
 * after applying all batches below that offset. The payload belongs to the replication module; the
 * log frames it so a damaged file is detected rather than handed over:
 * <pre>
 *   0  version      int16   1
 *   2  crc          uint32  CRC-32C of the payload
 *   6  payloadSize  int32
 *  10  payload      bytes
 * </pre>
 * Files are written atomically. At most {@link #MAX_SNAPSHOTS} are kept (the oldest go first):
 * losing an old snapshot only means rebuilding from an older point of the log.
 */
final class ProducerSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerSnapshots.class);
    static final int MAX_SNAPSHOTS = 32;
    private static final short VERSION = 1;
    private static final int HEADER_BYTES = 10;

    private final Path dir;
    private final String partition;

    ProducerSnapshots(Path dir, String partition) {
        this.dir = dir;
        this.partition = partition;
    }

    /** Writes the snapshot as of {@code offset}; a failure is a {@link LogStorageException} naming the partition. */
    synchronized void write(long offset, ByteBuffer payload) {
        try {
            writeFile(offset, payload);
        } catch (IOException e) {
            throw new LogStorageException("cannot write producer snapshot " + offset + " of " + partition, e);
        }
    }

    private void writeFile(long offset, ByteBuffer payload) throws IOException {
        ByteBuffer p = payload.duplicate();
        CRC32C crc = new CRC32C();
        crc.update(p.duplicate());
        ByteBuffer framed = ByteBuffer.allocate(HEADER_BYTES + p.remaining());
        framed.putShort(VERSION).putInt((int) crc.getValue()).putInt(p.remaining()).put(p).flip();
        LogFiles.writeAtomically(LogFiles.file(dir, offset, LogFiles.SNAPSHOT_SUFFIX), framed);
        List<Long> offsets = offsets();
        for (int i = 0; i < offsets.size() - MAX_SNAPSHOTS; i++) {
            Files.deleteIfExists(LogFiles.file(dir, offsets.get(i), LogFiles.SNAPSHOT_SUFFIX));
        }
    }

    /** The newest readable snapshot; damaged ones are logged, deleted and skipped. */
    synchronized Optional<ProducerSnapshot> latest() {
        try {
            return latestReadable();
        } catch (IOException e) {
            throw new LogStorageException("cannot read producer snapshots of " + partition, e);
        }
    }

    private Optional<ProducerSnapshot> latestReadable() throws IOException {
        List<Long> offsets = offsets();
        for (int i = offsets.size() - 1; i >= 0; i--) {
            Path path = LogFiles.file(dir, offsets.get(i), LogFiles.SNAPSHOT_SUFFIX);
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(path));
            String bad = check(bytes);
            if (bad == null) {
                bytes.position(HEADER_BYTES);
                return Optional.of(new ProducerSnapshot(offsets.get(i), bytes.slice().asReadOnlyBuffer()));
            }
            LOG.warn("Partition {}: deleting damaged producer snapshot {}: {}", partition, path.getFileName(), bad);
            Files.deleteIfExists(path);
        }
        return Optional.empty();
    }

    private static String check(ByteBuffer b) {
        if (b.remaining() < HEADER_BYTES) {
            return "shorter than its header";
        }
        if (b.getShort(0) != VERSION) {
            return "version " + b.getShort(0);
        }
        int size = b.getInt(6);
        if (size != b.remaining() - HEADER_BYTES) {
            return "payload size " + size + " disagrees with file size";
        }
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().position(HEADER_BYTES));
        if ((int) crc.getValue() != b.getInt(2)) {
            return "CRC mismatch";
        }
        return null;
    }

    /** Snapshot offsets on disk, ascending. */
    synchronized List<Long> offsets() {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + LogFiles.SNAPSHOT_SUFFIX)) {
            for (Path f : files) {
                long offset = LogFiles.parseOffset(f.getFileName().toString(), LogFiles.SNAPSHOT_SUFFIX);
                if (offset >= 0) {
                    out.add(offset);
                }
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot list producer snapshots of " + partition, e);
        }
        Collections.sort(out);
        return out;
    }

    /** Deletes snapshots above {@code offset}: the log was truncated there, so they describe batches that are gone. */
    synchronized int deleteAbove(long offset) throws IOException {
        int n = 0;
        for (long o : offsets()) {
            if (o > offset) {
                Files.deleteIfExists(LogFiles.file(dir, o, LogFiles.SNAPSHOT_SUFFIX));
                n++;
            }
        }
        return n;
    }

    /** Deletes snapshots below {@code offset}: the log start moved past them. */
    synchronized int deleteBelow(long offset) throws IOException {
        int n = 0;
        for (long o : offsets()) {
            if (o < offset) {
                Files.deleteIfExists(LogFiles.file(dir, o, LogFiles.SNAPSHOT_SUFFIX));
                n++;
            }
        }
        return n;
    }
}

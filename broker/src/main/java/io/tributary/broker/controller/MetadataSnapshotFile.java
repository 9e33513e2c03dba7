package io.tributary.broker.controller;

import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.MetadataBatchCodec;
import io.tributary.metadata.record.MetadataRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A snapshot of the metadata image, written on clean shutdown so that the next start replays one
 * batch instead of the whole log.
 *
 * <p>File name: {@code <offset, 20 digits>.checkpoint}. Byte layout (big-endian):
 * <pre>
 *   offset  int64   the image's last applied offset
 *   epoch   int64   the controller epoch that wrote it
 *   crc     int32   CRC-32C of offset, epoch and payload
 *   payload bytes   {@code MetadataImage.toRecords()} as one {@code MetadataBatchCodec} batch (to the end of the file)
 * </pre>
 * Written to a temporary file, fsynced, then renamed into place, so a reader sees a whole snapshot
 * or none. A snapshot that fails its CRC is ignored with a WARN (the log still holds everything).
 */
final class MetadataSnapshotFile {

    private static final Logger log = LoggerFactory.getLogger(MetadataSnapshotFile.class);
    private static final String SUFFIX = ".checkpoint";

    /** A loaded snapshot: the image and the epoch that wrote it. */
    record Loaded(MetadataImage image, long epoch) {
    }

    private MetadataSnapshotFile() {
    }

    static void write(Path dir, MetadataImage image, long epoch) throws IOException {
        long offset = image.lastAppliedOffset();
        if (offset < 0) {
            return;
        }
        ByteBuffer payload = MetadataBatchCodec.encode(image.toRecords());
        ByteBuffer file = ByteBuffer.allocate(20 + payload.remaining());
        file.putLong(offset).putLong(epoch).putInt(MetadataLogFile.crc(offset, epoch, payload.duplicate())).put(payload).flip();
        Path tmp = dir.resolve(name(offset) + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            while (file.hasRemaining()) {
                ch.write(file);
            }
            ch.force(true);
        }
        Path target = dir.resolve(name(offset));
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDir(dir);
        // Older snapshots are now redundant.
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : ds) {
                if (!p.equals(target)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The newest intact snapshot in {@code dir}, or null. */
    static Loaded loadLatest(Path dir) throws IOException {
        Path best = null;
        long bestOffset = -1;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                try {
                    long o = Long.parseLong(n.substring(0, n.length() - SUFFIX.length()));
                    if (o > bestOffset) {
                        bestOffset = o;
                        best = p;
                    }
                } catch (NumberFormatException e) {
                    log.warn("Ignoring stray file {} in the metadata log directory", p);
                }
            }
        }
        if (best == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(best));
        if (b.remaining() < 20) {
            log.warn("Ignoring metadata snapshot {}: only {} bytes", best, b.remaining());
            return null;
        }
        long offset = b.getLong();
        long epoch = b.getLong();
        int crc = b.getInt();
        ByteBuffer payload = b.slice();
        if (offset != bestOffset || MetadataLogFile.crc(offset, epoch, payload) != crc) {
            log.warn("Ignoring metadata snapshot {}: checksum or offset mismatch", best);
            return null;
        }
        List<MetadataRecord> records = MetadataBatchCodec.decode(payload);
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        delta.replayAll(records);
        return new Loaded(delta.apply(offset), epoch);
    }

    static String name(long offset) {
        return String.format("%020d", offset) + SUFFIX;
    }

    static void fsyncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some filesystems refuse to open directories; the rename is still atomic there.
            log.debug("Cannot fsync directory {}: {}", dir, e.toString());
        }
    }
}

package io.tributary.quorum;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * One snapshot of the listener's state, as a file. Ratis names the file {@code snapshot.<term>_<index>}
 * and ships it whole to a follower that needs it; the header repeats term and index so a file
 * renamed or mixed up by hand is caught.
 *
 * <p>Layout, big-endian:
 * <pre>
 *   offset 0   int32  magic 0x54515331 ("TQS1")
 *   offset 4   int64  term of the last entry the snapshot covers
 *   offset 12  int64  index of the last entry the snapshot covers
 *   offset 20  int32  payload length in bytes
 *   offset 24  int32  CRC-32C of the payload
 *   offset 28  bytes  payload: what {@link QuorumListener#takeSnapshot()} returned
 * </pre>
 * Writes go to a temporary file that is forced to disk and then renamed, so a crash leaves either
 * the old set of snapshots or the new one, never a torn file under the final name.
 */
final class SnapshotFile {

    static final int MAGIC = 0x54515331;
    static final int HEADER_BYTES = 28;

    /** The decoded contents of a snapshot file. */
    record Contents(long term, long index, byte[] payload) {
    }

    /** A snapshot file that is not what its name and header claim. */
    static final class CorruptSnapshotException extends IOException {
        CorruptSnapshotException(Path file, String why) {
            super("snapshot file " + file + " is corrupt: " + why);
        }
    }

    private SnapshotFile() {
    }

    static byte[] encode(long term, long index, byte[] payload) {
        if (term < 0 || index < 0) {
            throw new IllegalArgumentException("snapshot term " + term + " and index " + index + " must be non-negative");
        }
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        buf.putInt(MAGIC).putLong(term).putLong(index).putInt(payload.length).putInt((int) crc.getValue()).put(payload);
        return buf.array();
    }

    static Contents decode(Path file, byte[] bytes) throws CorruptSnapshotException {
        if (bytes.length < HEADER_BYTES) {
            throw new CorruptSnapshotException(file, bytes.length + " bytes is shorter than the " + HEADER_BYTES + "-byte header");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int magic = buf.getInt();
        if (magic != MAGIC) {
            throw new CorruptSnapshotException(file, String.format("magic 0x%08x, expected 0x%08x", magic, MAGIC));
        }
        long term = buf.getLong();
        long index = buf.getLong();
        int length = buf.getInt();
        int crcStored = buf.getInt();
        if (term < 0 || index < 0) {
            throw new CorruptSnapshotException(file, "negative term " + term + " or index " + index);
        }
        if (length != bytes.length - HEADER_BYTES) {
            throw new CorruptSnapshotException(file, "header says " + length + " payload bytes, file has "
                    + (bytes.length - HEADER_BYTES));
        }
        byte[] payload = new byte[length];
        buf.get(payload);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        if ((int) crc.getValue() != crcStored) {
            throw new CorruptSnapshotException(file, "CRC-32C mismatch");
        }
        return new Contents(term, index, payload);
    }

    /** Writes the snapshot durably under {@code file}, through a temporary file and a rename. */
    static void write(Path file, long term, long index, byte[] payload) throws IOException {
        byte[] bytes = encode(term, index, payload);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(file.getParent());
    }

    /** Reads and checks a snapshot, including that its header matches the term and index of its name. */
    static Contents read(Path file, long expectedTerm, long expectedIndex) throws IOException {
        Contents c = decode(file, Files.readAllBytes(file));
        if (c.term() != expectedTerm || c.index() != expectedIndex) {
            throw new CorruptSnapshotException(file, "header says term " + c.term() + " index " + c.index()
                    + " but the file name says term " + expectedTerm + " index " + expectedIndex);
        }
        return c;
    }

    private static void forceDirectory(Path dir) {
        // Forcing a directory makes the rename durable on Linux; some platforms cannot open a
        // directory, and there the rename is as durable as the platform makes it.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Not fatal: see above.
        }
    }
}

package io.tributary.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * File names in a partition directory, spelled as Kafka spells them ({@code <20-digit offset><suffix>}),
 * the offset files, and the one safe way to replace a small file (write a temp file, fsync it,
 * rename it over the old one, fsync the directory), so a crash leaves either the old content or
 * the new, never a mix.
 *
 * <p>Offset files ({@code recovery-point}, {@code clean-shutdown}, {@code log-start-offset}) are ASCII text:
 * <pre>
 *   0\n          version
 *   &lt;offset&gt;\n   decimal, non-negative
 * </pre>
 */
final class LogFiles {

    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".index";
    static final String TIME_INDEX_SUFFIX = ".timeindex";
    static final String SNAPSHOT_SUFFIX = ".snapshot";
    static final String DELETED_SUFFIX = ".deleted";
    static final String TEMP_SUFFIX = ".tmp";
    static final String LEADER_EPOCH_CHECKPOINT = "leader-epoch-checkpoint";
    static final String RECOVERY_POINT = "recovery-point";
    static final String CLEAN_SHUTDOWN = "clean-shutdown";
    /** Where DeleteRecords left the log start, when that is above the first segment's base offset. */
    static final String LOG_START_OFFSET = "log-start-offset";

    private LogFiles() {
    }

    /** The 20-digit zero-padded base offset Kafka names segment files by. */
    static String offsetName(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("file offsets are >= 0, got " + offset);
        }
        String digits = Long.toString(offset);
        return "0".repeat(20 - digits.length()) + digits;
    }

    static Path file(Path dir, long offset, String suffix) {
        return dir.resolve(offsetName(offset) + suffix);
    }

    /** The offset a file named {@code <20 digits><suffix>} carries, or -1 if the name is not of that form. */
    static long parseOffset(String fileName, String suffix) {
        if (!fileName.endsWith(suffix) || fileName.length() != 20 + suffix.length()) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < 20; i++) {
            char c = fileName.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v < 0) {
                return -1;
            }
        }
        return v;
    }

    /** Atomically replaces {@code target} with {@code content}; durable once this returns. */
    static void writeAtomically(Path target, ByteBuffer content) throws IOException {
        replace(target, content, true);
    }

    /**
     * Atomically replaces {@code target} with {@code content} without an fsync: a process crash leaves
     * the old or the new content, an OS crash may leave the old one or (off ext4's rename heuristics)
     * an empty or torn file, which every reader here detects and rebuilds from the log.
     */
    static void replaceLazily(Path target, ByteBuffer content) throws IOException {
        replace(target, content, false);
    }

    private static void replace(Path target, ByteBuffer content, boolean durable) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = content.duplicate();
            long at = 0;
            while (b.hasRemaining()) {
                at += ch.write(b, at);
            }
            if (durable) {
                ch.force(true);
                LogFsyncs.count();
            }
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (durable) {
            fsyncDirectory(target.getParent());
        }
    }

    /** Makes creations, renames and deletions in {@code dir} durable (a no-op where the OS refuses). */
    static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
            LogFsyncs.count();
        } catch (IOException e) {
            // Some platforms cannot open or fsync a directory; Linux, where this matters, can.
        }
    }

    /**
     * Reads a small text file written by {@link #writeAtomically}: a version line ("0") and an
     * offset line. Returns -1 if the file is absent; throws if its content is not that shape.
     */
    static long readOffsetFile(Path path) throws IOException {
        if (!Files.exists(path)) {
            return -1;
        }
        String[] lines = Files.readString(path).split("\n");
        if (lines.length != 2 || !lines[0].trim().equals("0")) {
            throw new IOException("malformed " + path.getFileName() + ": expected a version line 0 and an offset line");
        }
        try {
            long v = Long.parseLong(lines[1].trim());
            if (v < 0) {
                throw new IOException("negative offset in " + path.getFileName());
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IOException("malformed offset in " + path.getFileName() + ": " + lines[1], e);
        }
    }

    static void writeOffsetFile(Path path, long offset) throws IOException {
        writeAtomically(path, ByteBuffer.wrap(("0\n" + offset + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }
}

package io.tributary.log;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Partition directories on their way out. As in Kafka, a deleted partition's directory is first
 * renamed {@code <topic>-<partition>.<32 hex digits>-delete}, so it is out of the way at once and a
 * restart recognises it, and its files are removed later.
 */
public final class LogDirs {

    public static final String DELETE_DIR_SUFFIX = "-delete";
    private static final int MAX_FILE_NAME = 255;

    private LogDirs() {
    }

    /** Whether a directory in a log dir is a partition awaiting deletion (the broker removes these at startup). */
    public static boolean isMarkedForDeletion(Path dir) {
        String name = dir.getFileName().toString();
        return name.endsWith(DELETE_DIR_SUFFIX) && name.lastIndexOf('.') > 0;
    }

    /** Removes a directory and everything in it. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Renames {@code dir} to its deletion name (durably) and returns the new path. */
    static Path renameForDeletion(Path dir) throws IOException {
        String unique = "." + UUID.randomUUID().toString().replace("-", "") + DELETE_DIR_SUFFIX;
        String base = dir.getFileName().toString();
        // Topic names may be 249 characters; keep the whole name within the file-system limit.
        if (base.length() + unique.length() > MAX_FILE_NAME) {
            base = base.substring(0, MAX_FILE_NAME - unique.length());
        }
        Path target = dir.resolveSibling(base + unique);
        try {
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(dir, target);
        }
        LogFiles.fsyncDirectory(target.getParent());
        return target;
    }
}

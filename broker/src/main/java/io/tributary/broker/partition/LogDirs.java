package io.tributary.broker.partition;

import io.tributary.common.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's log directories: each is locked ({@code .lock}, as Kafka does) for the life of the
 * process so that two nodes never share one; new partitions go to the directory holding the fewest;
 * deleted partitions are renamed {@code <topic>-<partition>.<uuid>-delete} at once (so the name is
 * free for a new topic) and removed later.
 */
public final class LogDirs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogDirs.class);
    static final String LOCK_FILE = ".lock";
    static final String DELETE_SUFFIX = "-delete";

    private final List<Path> dirs;
    private final List<FileChannel> lockChannels = new ArrayList<>();
    private final List<FileLock> locks = new ArrayList<>();

    private LogDirs(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    /** Creates missing directories and locks all of them; fails naming the directory another process holds. */
    public static LogDirs lock(List<Path> dirs) throws IOException {
        LogDirs d = new LogDirs(dirs);
        try {
            for (Path dir : dirs) {
                Files.createDirectories(dir);
                if (!Files.isWritable(dir)) {
                    throw new IOException("log directory " + dir + " is not writable");
                }
                FileChannel ch = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                d.lockChannels.add(ch);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    throw new IOException("log directory " + dir + " is in use by another Tributary process (" + LOCK_FILE + " is locked)");
                }
                d.locks.add(lock);
            }
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    public List<Path> dirs() {
        return dirs;
    }

    /** Every partition directory already on disk, by partition; directories being deleted are removed now, in the background. */
    public Map<TopicPartition, Path> scan(java.util.concurrent.Executor background) throws IOException {
        Map<TopicPartition, Path> found = new HashMap<>();
        for (Path dir : dirs) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    if (!Files.isDirectory(p) || name.startsWith("__cluster_metadata")) {
                        continue;
                    }
                    if (name.endsWith(DELETE_SUFFIX)) {
                        background.execute(() -> deleteRecursively(p));
                        continue;
                    }
                    TopicPartition tp;
                    try {
                        tp = TopicPartition.fromDirName(name);
                    } catch (IllegalArgumentException e) {
                        log.warn("Ignoring directory {}: not a partition directory", p);
                        continue;
                    }
                    Path previous = found.putIfAbsent(tp, p);
                    if (previous != null) {
                        throw new IOException("partition " + tp + " has a directory in two log dirs: " + previous + " and " + p);
                    }
                }
            }
        }
        return found;
    }

    /** The directory a new partition should live in: the log dir holding the fewest partitions. */
    public Path placeNew(TopicPartition tp, Map<Path, Integer> partitionsPerDir) {
        Path best = dirs.stream().min(Comparator.comparingInt((Path d) -> partitionsPerDir.getOrDefault(d, 0))
                .thenComparing(dirs::indexOf)).orElseThrow();
        return best.resolve(tp.dirName());
    }

    /**
     * Renames a partition directory out of the way ({@code <name>.<uuid>-delete}) and deletes it on
     * {@code background}. Returns the new name.
     */
    public static Path renameAndDelete(Path partitionDir, java.util.concurrent.Executor background) throws IOException {
        String uuid = UUID.randomUUID().toString().replace("-", "");
        Path renamed = partitionDir.resolveSibling(partitionDir.getFileName() + "." + uuid + DELETE_SUFFIX);
        Files.move(partitionDir, renamed);
        background.execute(() -> deleteRecursively(renamed));
        return renamed;
    }

    static void deleteRecursively(Path p) {
        try {
            if (!Files.exists(p)) {
                return;
            }
            try (var walk = Files.walk(p)) {
                List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
                for (Path q : all) {
                    Files.deleteIfExists(q);
                }
            }
            log.debug("Deleted {}", p);
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot delete {}; it will be retried at the next start", p, e);
        }
    }

    @Override
    public void close() {
        for (FileLock l : locks) {
            try {
                l.release();
            } catch (IOException e) {
                log.debug("Releasing {} failed", l, e);
            }
        }
        for (FileChannel ch : lockChannels) {
            try {
                ch.close();
            } catch (IOException e) {
                log.debug("Closing lock file failed", e);
            }
        }
        locks.clear();
        lockChannels.clear();
    }
}

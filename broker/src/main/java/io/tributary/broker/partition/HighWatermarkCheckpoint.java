package io.tributary.broker.partition;

import io.tributary.common.TopicPartition;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The high watermarks of the partitions in one log directory, in the file
 * {@value #FILE_NAME}, as Kafka keeps them. Text, one entry per line:
 * <pre>
 *   0                      the format version
 *   N                      the number of entries
 *   topic partition offset (N lines)
 * </pre>
 * A partition opened after a restart starts from this high watermark (never from its log end), so
 * a replica that becomes leader never exposes records it did not know to be committed. Written
 * whole to a temporary file, fsynced, then renamed over the old one, so a crash leaves the old
 * file or the new one, never a mix. A file that does not parse is ignored with a warning: every
 * partition then starts from 0, which is safe (the leader re-establishes the high watermark).
 */
public final class HighWatermarkCheckpoint {

    private static final Logger log = LoggerFactory.getLogger(HighWatermarkCheckpoint.class);

    public static final String FILE_NAME = "replication-offset-checkpoint";
    private static final int VERSION = 0;

    private HighWatermarkCheckpoint() {
    }

    /** Reads the checkpoint of {@code logDir}; empty when there is none or it is unreadable. */
    public static Map<TopicPartition, Long> read(Path logDir) {
        Path file = logDir.resolve(FILE_NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            log.warn("Cannot read {}: {}; partitions in {} start from high watermark 0", file, e.toString(), logDir);
            return Map.of();
        }
        try {
            return parse(lines);
        } catch (RuntimeException e) {
            log.warn("Ignoring malformed {}: {}; partitions in {} start from high watermark 0", file, e.getMessage(), logDir);
            return Map.of();
        }
    }

    static Map<TopicPartition, Long> parse(List<String> lines) {
        if (lines.size() < 2 || Integer.parseInt(lines.get(0).trim()) != VERSION) {
            throw new IllegalArgumentException("expected version " + VERSION + " and a count");
        }
        int count = Integer.parseInt(lines.get(1).trim());
        if (count < 0 || lines.size() < 2 + count) {
            throw new IllegalArgumentException("count " + count + " but " + (lines.size() - 2) + " entries");
        }
        Map<TopicPartition, Long> out = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String[] f = lines.get(2 + i).trim().split(" ");
            if (f.length != 3) {
                throw new IllegalArgumentException("line " + (3 + i) + " is not 'topic partition offset'");
            }
            long offset = Long.parseLong(f[2]);
            if (offset < 0) {
                throw new IllegalArgumentException("line " + (3 + i) + " has a negative offset");
            }
            out.put(new TopicPartition(f[0], Integer.parseInt(f[1])), offset);
        }
        return out;
    }

    /** Replaces the checkpoint of {@code logDir} with {@code highWatermarks}, durably. */
    public static void write(Path logDir, Map<TopicPartition, Long> highWatermarks) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(VERSION).append('\n').append(highWatermarks.size()).append('\n');
        Map<TopicPartition, Long> sorted = new TreeMap<>();
        sorted.putAll(highWatermarks);
        for (Map.Entry<TopicPartition, Long> e : sorted.entrySet()) {
            sb.append(e.getKey().topic()).append(' ').append(e.getKey().partition()).append(' ').append(e.getValue()).append('\n');
        }
        Path tmp = logDir.resolve(FILE_NAME + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, logDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

}

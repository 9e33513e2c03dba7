package io.tributary.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code leader-epoch-checkpoint} file, in Kafka's text format so operators' tools and habits
 * carry over:
 * <pre>
 *   0                    version
 *   2                    number of entries
 *   0 0                  epoch, start offset (one line per entry, ascending)
 *   3 1523
 * </pre>
 * Written atomically (temp file, fsync, rename, directory fsync), or, for a new epoch, atomically but
 * without the fsyncs ({@link LeaderEpochCache#assign}).
 */
final class LeaderEpochCheckpointFile {

    private static final int VERSION = 0;
    /** A sanity bound: a checkpoint claiming more entries than this is corrupt, not real. */
    private static final int MAX_ENTRIES = 1_000_000;

    private LeaderEpochCheckpointFile() {
    }

    static void write(Path path, List<EpochEntry> entries, boolean durable) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(VERSION).append('\n').append(entries.size()).append('\n');
        for (EpochEntry e : entries) {
            sb.append(e.epoch()).append(' ').append(e.startOffset()).append('\n');
        }
        ByteBuffer content = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII));
        if (durable) {
            LogFiles.writeAtomically(path, content);
        } else {
            LogFiles.replaceLazily(path, content);
        }
    }

    /** The entries, or null if the file does not exist. Throws {@link IOException} naming what is malformed. */
    static List<EpochEntry> read(Path path) throws IOException {
        if (!Files.exists(path)) {
            return null;
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.US_ASCII);
        if (lines.size() < 2) {
            throw new IOException(path.getFileName() + " has " + lines.size() + " lines, expected at least 2");
        }
        try {
            int version = Integer.parseInt(lines.get(0).trim());
            if (version != VERSION) {
                throw new IOException(path.getFileName() + " has version " + version + ", expected " + VERSION);
            }
            int count = Integer.parseInt(lines.get(1).trim());
            if (count < 0 || count > MAX_ENTRIES || lines.size() != 2 + count) {
                throw new IOException(path.getFileName() + " declares " + count + " entries but has " + (lines.size() - 2) + " lines");
            }
            List<EpochEntry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String[] parts = lines.get(2 + i).trim().split("\\s+");
                if (parts.length != 2) {
                    throw new IOException(path.getFileName() + " line " + (3 + i) + " is not 'epoch offset'");
                }
                EpochEntry e = new EpochEntry(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
                if (!entries.isEmpty()) {
                    EpochEntry prev = entries.get(entries.size() - 1);
                    if (e.epoch() <= prev.epoch() || e.startOffset() < prev.startOffset()) {
                        throw new IOException(path.getFileName() + " line " + (3 + i) + " is out of order");
                    }
                }
                entries.add(e);
            }
            return entries;
        } catch (IllegalArgumentException e) {
            throw new IOException(path.getFileName() + " is malformed: " + e.getMessage(), e);
        }
    }
}

package io.tributary.e2e.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;

/**
 * One replica's log as its files hold it, for checking invariant 4 (below the high watermark every
 * replica holds the same bytes at the same offsets) from outside the broker. A partition's directory
 * under a node's {@code log.dirs} is named {@code <topic>-<partition>}; its segment files
 * ({@code <20-digit base offset>.log}) concatenated in offset order are the log. Record batches are
 * stored exactly as they travel on the wire, each beginning
 * <pre>
 *   baseOffset      int64   bytes  0..7
 *   batchLength     int32   bytes  8..11   (the batch's size minus these first 12 bytes)
 *   leaderEpoch     int32   bytes 12..15
 *   magic           int8    byte  16
 *   crc             int32   bytes 17..20
 *   attributes      int16   bytes 21..22
 *   lastOffsetDelta int32   bytes 23..26
 * </pre>
 * so the bytes holding every offset below a high watermark are found by walking batch headers, without
 * decoding a record: the whole batches whose last offset is below it.
 */
public final class ReplicaLogs {
    private static final int HEADER_BYTES = 27;
    private static final int LENGTH_FIELD_END = 12;

    private ReplicaLogs() {
    }

    /**
     * The bytes of the whole batches below a high watermark, and the offset after the last of them
     * (the high watermark itself when the replica holds every offset below it).
     */
    public record Prefix(byte[] bytes, long endOffset) {
        @Override
        public String toString() {
            return bytes.length + " bytes up to offset " + endOffset;
        }
    }

    /** {@code <log dir>/<topic>-<partition>} of {@code node}. */
    public static Path partitionDir(TributaryNode node, TopicPartition partition) {
        return node.dataDir().resolve(partition.topic() + "-" + partition.partition());
    }

    /**
     * The high watermarks a node checkpointed in {@code <log dir>/replication-offset-checkpoint}, read
     * independently of the broker's own reader. Kafka's text format: a version line ({@code 0}), a
     * count line, then {@code topic partition offset} per partition. Empty when the file is missing.
     */
    public static Map<TopicPartition, Long> checkpointedHighWatermarks(Path logDir) {
        Path file = logDir.resolve("replication-offset-checkpoint");
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).equals("0") || Integer.parseInt(lines.get(1)) != lines.size() - 2) {
                throw new IllegalStateException("not a version-0 checkpoint with as many entries as it says: " + lines);
            }
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (String line : lines.subList(2, lines.size())) {
                String[] fields = line.split(" ");
                offsets.put(new TopicPartition(fields[0], Integer.parseInt(fields[1])), Long.parseLong(fields[2]));
            }
            return offsets;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every {@code .log} segment of the directory, concatenated in base-offset order (their names sort so). */
    public static byte[] read(Path partitionDir) {
        try (Stream<Path> files = Files.list(partitionDir)) {
            List<Path> segments = files.filter(f -> f.getFileName().toString().matches("[0-9]{20}\\.log")).sorted().toList();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            for (Path segment : segments) {
                log.write(Files.readAllBytes(segment));
            }
            return log.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the segments of " + partitionDir, e);
        }
    }

    /**
     * The whole batches of {@code log}, from its start, whose last offset is below {@code highWatermark}.
     * The walk stops at the first batch that reaches the high watermark, and at a torn tail (a header
     * or a batch cut short), which is never below a high watermark on a healthy replica.
     */
    public static Prefix below(byte[] log, long highWatermark) {
        ByteBuffer buffer = ByteBuffer.wrap(log);
        int position = 0;
        long endOffset = 0;
        while (position + HEADER_BYTES <= log.length) {
            long baseOffset = buffer.getLong(position);
            int batchLength = buffer.getInt(position + 8);
            long lastOffset = baseOffset + buffer.getInt(position + 23);
            long batchEnd = (long) position + LENGTH_FIELD_END + batchLength;
            if (batchLength <= 0 || batchEnd > log.length || lastOffset >= highWatermark) {
                break;
            }
            position = (int) batchEnd;
            endOffset = lastOffset + 1;
        }
        return new Prefix(Arrays.copyOf(log, position), endOffset);
    }
}

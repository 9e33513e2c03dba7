package io.tributary.replication.producer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The bytes of a producer-state snapshot. The log stores them opaquely in {@code <offset>.snapshot}
 * files; a snapshot lets a restart skip re-reading the whole log to rebuild idempotence state.
 *
 * <p>Byte layout (big-endian):
 * <pre>
 *   int16  version            1
 *   int32  crc                CRC-32C of every byte after this field
 *   int32  producerCount
 *   producerCount times:
 *     int64  producerId
 *     int16  epoch
 *     int64  lastTimestampMs
 *     int8   batchCount       0..5
 *     batchCount times:
 *       int32 firstSeq, int32 lastSeq, int64 firstOffset, int64 lastOffset, int64 timestampMs
 * </pre>
 * A snapshot that fails its CRC or its bounds is refused with {@link CorruptSnapshotException};
 * the caller then rebuilds from the log, which is slower but always right.
 */
public final class ProducerSnapshotCodec {

    private static final short VERSION = 1;
    private static final int HEADER_BYTES = 2 + 4;
    private static final int PRODUCER_BYTES = 8 + 2 + 8 + 1;
    private static final int BATCH_BYTES = 4 + 4 + 8 + 8 + 8;

    /** A snapshot whose bytes cannot be trusted. */
    public static final class CorruptSnapshotException extends RuntimeException {
        public CorruptSnapshotException(String message) {
            super(message);
        }
    }

    private ProducerSnapshotCodec() {
    }

    public static byte[] encode(ProducerStateTable table) {
        int size = HEADER_BYTES + 4;
        for (ProducerEntry e : table.entries()) {
            size += PRODUCER_BYTES + e.batches().size() * BATCH_BYTES;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putShort(VERSION).putInt(0).putInt(table.size());
        for (ProducerEntry e : table.entries()) {
            List<BatchMetadata> batches = e.batches();
            b.putLong(e.producerId()).putShort(e.epoch()).putLong(e.lastTimestampMs()).put((byte) batches.size());
            for (BatchMetadata m : batches) {
                b.putInt(m.firstSeq()).putInt(m.lastSeq()).putLong(m.firstOffset()).putLong(m.lastOffset())
                        .putLong(m.timestampMs());
            }
        }
        if (b.hasRemaining()) {
            throw new IllegalStateException("snapshot size miscounted by " + b.remaining() + " bytes");
        }
        b.putInt(2, (int) crcOf(b.array()));
        return b.array();
    }

    public static List<ProducerEntry> decode(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            short version = b.getShort();
            if (version != VERSION) {
                throw new CorruptSnapshotException("unknown producer snapshot version " + version);
            }
            long storedCrc = Integer.toUnsignedLong(b.getInt());
            if (storedCrc != crcOf(bytes)) {
                throw new CorruptSnapshotException("producer snapshot CRC mismatch");
            }
            int count = b.getInt();
            if (count < 0 || (long) count * PRODUCER_BYTES > b.remaining()) {
                throw new CorruptSnapshotException("producer count " + count + " does not fit " + b.remaining() + " bytes");
            }
            List<ProducerEntry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long producerId = b.getLong();
                short epoch = b.getShort();
                long lastTimestampMs = b.getLong();
                int batchCount = b.get();
                if (batchCount < 0 || batchCount > ProducerEntry.RETAINED_BATCHES) {
                    throw new CorruptSnapshotException("producer " + producerId + " claims " + batchCount + " batches");
                }
                List<BatchMetadata> batches = new ArrayList<>(batchCount);
                for (int j = 0; j < batchCount; j++) {
                    batches.add(new BatchMetadata(b.getInt(), b.getInt(), b.getLong(), b.getLong(), b.getLong()));
                }
                entries.add(ProducerEntry.restore(producerId, epoch, lastTimestampMs, batches));
            }
            if (b.hasRemaining()) {
                throw new CorruptSnapshotException(b.remaining() + " trailing bytes after the producer snapshot");
            }
            return entries;
        } catch (BufferUnderflowException | IllegalArgumentException | IllegalStateException e) {
            throw new CorruptSnapshotException("producer snapshot does not parse: " + e.getMessage());
        }
    }

    private static long crcOf(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
        return crc.getValue();
    }
}

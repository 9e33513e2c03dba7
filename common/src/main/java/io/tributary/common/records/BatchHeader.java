package io.tributary.common.records;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Reads and rewrites the header of a Kafka record batch (magic 2) in place, without copying.
 *
 * <p>Byte layout (big-endian), offsets from the start of the batch:
 * <pre>
 *   0  baseOffset            int64
 *   8  batchLength           int32   bytes that follow this field; the batch is 12 + batchLength bytes
 *  12  partitionLeaderEpoch  int32
 *  16  magic                 int8    always 2 here
 *  17  crc                   uint32  CRC-32C of bytes 21 .. end
 *  21  attributes            int16   bits 0-2 compression, 3 timestamp type, 4 transactional, 5 control
 *  23  lastOffsetDelta       int32
 *  27  baseTimestamp         int64
 *  35  maxTimestamp          int64
 *  43  producerId            int64
 *  51  producerEpoch         int16
 *  53  baseSequence          int32
 *  57  recordCount           int32
 *  61  records ...
 * </pre>
 * The CRC starts at the attributes, so the broker may rewrite the base offset and the partition
 * leader epoch (the only two fields it ever changes) without recomputing it.
 */
public final class BatchHeader {

    public static final int BASE_OFFSET = 0;
    public static final int BATCH_LENGTH = 8;
    public static final int PARTITION_LEADER_EPOCH = 12;
    public static final int MAGIC = 16;
    public static final int CRC = 17;
    public static final int ATTRIBUTES = 21;
    public static final int LAST_OFFSET_DELTA = 23;
    public static final int BASE_TIMESTAMP = 27;
    public static final int MAX_TIMESTAMP = 35;
    public static final int PRODUCER_ID = 43;
    public static final int PRODUCER_EPOCH = 51;
    public static final int BASE_SEQUENCE = 53;
    public static final int RECORD_COUNT = 57;
    public static final int SIZE = 61;

    /** The smallest prefix that tells a batch's total size: base offset plus length. */
    public static final int LOG_OVERHEAD = 12;

    public static final byte CURRENT_MAGIC = 2;
    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    public static final long NO_TIMESTAMP = -1L;

    static final int COMPRESSION_MASK = 0x07;
    static final int TIMESTAMP_TYPE_MASK = 0x08;
    static final int TRANSACTIONAL_MASK = 0x10;
    static final int CONTROL_MASK = 0x20;

    private BatchHeader() {
    }

    public static long baseOffset(ByteBuffer b, int at) {
        return b.getLong(at + BASE_OFFSET);
    }

    public static int batchLength(ByteBuffer b, int at) {
        return b.getInt(at + BATCH_LENGTH);
    }

    /** The whole batch's size in bytes, header included. */
    public static int sizeInBytes(ByteBuffer b, int at) {
        return LOG_OVERHEAD + batchLength(b, at);
    }

    public static int partitionLeaderEpoch(ByteBuffer b, int at) {
        return b.getInt(at + PARTITION_LEADER_EPOCH);
    }

    public static byte magic(ByteBuffer b, int at) {
        return b.get(at + MAGIC);
    }

    public static long storedCrc(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at + CRC));
    }

    public static short attributes(ByteBuffer b, int at) {
        return b.getShort(at + ATTRIBUTES);
    }

    /** Compression codec id: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
    public static int compression(ByteBuffer b, int at) {
        return attributes(b, at) & COMPRESSION_MASK;
    }

    public static boolean isLogAppendTime(ByteBuffer b, int at) {
        return (attributes(b, at) & TIMESTAMP_TYPE_MASK) != 0;
    }

    public static boolean isTransactional(ByteBuffer b, int at) {
        return (attributes(b, at) & TRANSACTIONAL_MASK) != 0;
    }

    public static boolean isControl(ByteBuffer b, int at) {
        return (attributes(b, at) & CONTROL_MASK) != 0;
    }

    public static int lastOffsetDelta(ByteBuffer b, int at) {
        return b.getInt(at + LAST_OFFSET_DELTA);
    }

    public static long lastOffset(ByteBuffer b, int at) {
        return baseOffset(b, at) + lastOffsetDelta(b, at);
    }

    public static long baseTimestamp(ByteBuffer b, int at) {
        return b.getLong(at + BASE_TIMESTAMP);
    }

    public static long maxTimestamp(ByteBuffer b, int at) {
        return b.getLong(at + MAX_TIMESTAMP);
    }

    public static long producerId(ByteBuffer b, int at) {
        return b.getLong(at + PRODUCER_ID);
    }

    public static short producerEpoch(ByteBuffer b, int at) {
        return b.getShort(at + PRODUCER_EPOCH);
    }

    public static int baseSequence(ByteBuffer b, int at) {
        return b.getInt(at + BASE_SEQUENCE);
    }

    /** The last sequence of the batch; sequences wrap at {@code Integer.MAX_VALUE} as Kafka's do. */
    public static int lastSequence(ByteBuffer b, int at) {
        return lastSequence(baseSequence(b, at), lastOffsetDelta(b, at));
    }

    /** The last sequence of a batch from its base sequence and last offset delta (wrapping as Kafka's do). */
    public static int lastSequence(int baseSequence, int lastOffsetDelta) {
        if (baseSequence == NO_SEQUENCE) {
            return NO_SEQUENCE;
        }
        long last = (long) baseSequence + lastOffsetDelta;
        return (int) (last > Integer.MAX_VALUE ? last - Integer.MAX_VALUE - 1 : last);
    }

    public static int recordCount(ByteBuffer b, int at) {
        return b.getInt(at + RECORD_COUNT);
    }

    public static void setBaseOffset(ByteBuffer b, int at, long baseOffset) {
        b.putLong(at + BASE_OFFSET, baseOffset);
    }

    public static void setPartitionLeaderEpoch(ByteBuffer b, int at, int epoch) {
        b.putInt(at + PARTITION_LEADER_EPOCH, epoch);
    }

    /** Computes the CRC-32C the batch should carry, over attributes to the end. */
    public static long computeCrc(ByteBuffer b, int at) {
        int end = at + sizeInBytes(b, at);
        CRC32C crc = new CRC32C();
        ByteBuffer view = b.duplicate();
        view.limit(end).position(at + ATTRIBUTES);
        crc.update(view);
        return crc.getValue();
    }

    public static boolean isCrcValid(ByteBuffer b, int at) {
        return storedCrc(b, at) == computeCrc(b, at);
    }
}

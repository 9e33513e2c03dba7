package io.tributary.log;

import io.tributary.common.records.BatchBuilder;
import io.tributary.common.records.BatchHeader;
import java.nio.ByteBuffer;

/**
 * Reads the records of one uncompressed magic-2 batch field by field, and writes the batch the
 * cleaner keeps: the same base offset, last offset delta, leader epoch, producer id, producer epoch
 * and base sequence, with only the retained records (or none). Batch layout: {@link BatchHeader};
 * record layout (varints are zig-zag LEB128):
 * <pre>
 *   length          varint   bytes after this field
 *   attributes      int8
 *   timestampDelta  varlong  from the batch's baseTimestamp
 *   offsetDelta     varint   from the batch's baseOffset
 *   keyLength       varint   -1: null key
 *   key, valueLength varint (-1: null value, a tombstone), value, headerCount varint, headers
 * </pre>
 * A retained record is copied byte for byte from its key on; only its timestamp delta is written
 * anew, since stamping a delete horizon moves the batch's baseTimestamp (KIP-534: attribute bit 6
 * set, baseTimestamp = the time after which the batch's tombstones may go).
 */
final class CleanedBatch {

    /** Attribute bit 6: the batch's baseTimestamp is its delete horizon (KIP-534). */
    static final short DELETE_HORIZON_BIT = 0x40;
    private static final short COMPRESSION_MASK = 0x07;

    /** One record's place in the batch. */
    static final class Record {
        int start;
        int end;
        long timestamp;
        int offsetDelta;
        int keyLengthAt;
        int keyAt;
        int keyLength;
        int valueLength;

        long offset(long baseOffset) {
            return baseOffset + offsetDelta;
        }

        boolean isTombstone() {
            return valueLength < 0;
        }
    }

    private CleanedBatch() {
    }

    static boolean hasDeleteHorizon(ByteBuffer b, int at) {
        return (BatchHeader.attributes(b, at) & DELETE_HORIZON_BIT) != 0;
    }

    /**
     * Parses record {@code r} starting at {@code pos} of the batch at {@code at}; returns the position
     * after it. Throws {@link IllegalArgumentException} if the record overruns the batch.
     */
    static int read(ByteBuffer b, int at, int pos, Record r) {
        int end = at + BatchHeader.sizeInBytes(b, at);
        int[] cursor = {pos};
        int length = varint(b, cursor, end);
        if (length < 0 || length > end - cursor[0]) {
            throw new IllegalArgumentException("record length " + length + " overruns the batch at offset " + BatchHeader.baseOffset(b, at));
        }
        r.start = pos;
        r.end = cursor[0] + length;
        cursor[0]++; // attributes
        long timestampDelta = varlong(b, cursor, r.end);
        r.offsetDelta = varint(b, cursor, r.end);
        boolean logAppendTime = BatchHeader.isLogAppendTime(b, at);
        r.timestamp = logAppendTime ? BatchHeader.maxTimestamp(b, at) : BatchHeader.baseTimestamp(b, at) + timestampDelta;
        r.keyLengthAt = cursor[0];
        r.keyLength = varint(b, cursor, r.end);
        r.keyAt = cursor[0];
        cursor[0] += Math.max(0, r.keyLength);
        r.valueLength = varint(b, cursor, r.end);
        if (cursor[0] + Math.max(0, r.valueLength) > r.end || r.keyLength < -1 || r.valueLength < -1) {
            throw new IllegalArgumentException("record fields overrun the record at offset " + r.offset(BatchHeader.baseOffset(b, at)));
        }
        return r.end;
    }

    /** The record's key as a view of the batch's bytes, or null. */
    static ByteBuffer key(ByteBuffer b, Record r) {
        if (r.keyLength < 0) {
            return null;
        }
        return b.duplicate().limit(r.keyAt + r.keyLength).position(r.keyAt).slice();
    }

    /** The most bytes {@link #write} can take for a batch of {@code batchBytes}: timestamp deltas may grow. */
    static int maxOutputBytes(int batchBytes, int records) {
        return batchBytes + records * 10;
    }

    /**
     * Writes the cleaned batch into {@code out} at its position (advancing it): the header of the
     * batch at {@code at}, with {@code count} retained records of {@code records}, and a delete horizon
     * when {@code deleteHorizonMs >= 0} (else the batch's own, if any).
     */
    static void write(ByteBuffer b, int at, Record[] records, int count, long deleteHorizonMs, ByteBuffer out) {
        int start = out.position();
        short attributes = (short) (BatchHeader.attributes(b, at) & ~COMPRESSION_MASK);
        long baseTimestamp = BatchHeader.baseTimestamp(b, at);
        if (deleteHorizonMs >= 0) {
            attributes |= DELETE_HORIZON_BIT;
            baseTimestamp = deleteHorizonMs;
        }
        boolean logAppendTime = BatchHeader.isLogAppendTime(b, at);
        long maxTimestamp = logAppendTime ? BatchHeader.maxTimestamp(b, at) : BatchHeader.NO_TIMESTAMP;
        out.position(start + BatchHeader.SIZE);
        for (int i = 0; i < count; i++) {
            Record r = records[i];
            long delta = logAppendTime ? 0 : r.timestamp - baseTimestamp;
            if (!logAppendTime) {
                maxTimestamp = Math.max(maxTimestamp, r.timestamp);
            }
            int tail = r.end - r.keyLengthAt;
            int bodyLength = 1 + BatchBuilder.sizeOfVarlong(delta) + BatchBuilder.sizeOfVarint(r.offsetDelta) + tail;
            putVarint(out, bodyLength);
            out.put((byte) 0);
            putVarlong(out, delta);
            putVarint(out, r.offsetDelta);
            out.put(b.duplicate().limit(r.end).position(r.keyLengthAt));
        }
        if (count == 0 || maxTimestamp == BatchHeader.NO_TIMESTAMP) {
            maxTimestamp = BatchHeader.maxTimestamp(b, at);
        }
        int size = out.position() - start;
        out.putLong(start + BatchHeader.BASE_OFFSET, BatchHeader.baseOffset(b, at));
        out.putInt(start + BatchHeader.BATCH_LENGTH, size - BatchHeader.LOG_OVERHEAD);
        out.putInt(start + BatchHeader.PARTITION_LEADER_EPOCH, BatchHeader.partitionLeaderEpoch(b, at));
        out.put(start + BatchHeader.MAGIC, BatchHeader.CURRENT_MAGIC);
        out.putShort(start + BatchHeader.ATTRIBUTES, attributes);
        out.putInt(start + BatchHeader.LAST_OFFSET_DELTA, BatchHeader.lastOffsetDelta(b, at));
        out.putLong(start + BatchHeader.BASE_TIMESTAMP, count == 0 && deleteHorizonMs < 0 ? maxTimestamp : baseTimestamp);
        out.putLong(start + BatchHeader.MAX_TIMESTAMP, maxTimestamp);
        out.putLong(start + BatchHeader.PRODUCER_ID, BatchHeader.producerId(b, at));
        out.putShort(start + BatchHeader.PRODUCER_EPOCH, BatchHeader.producerEpoch(b, at));
        out.putInt(start + BatchHeader.BASE_SEQUENCE, BatchHeader.baseSequence(b, at));
        out.putInt(start + BatchHeader.RECORD_COUNT, count);
        out.putInt(start + BatchHeader.CRC, (int) BatchHeader.computeCrc(out, start));
    }

    private static int varint(ByteBuffer b, int[] cursor, int limit) {
        int raw = 0;
        int shift = 0;
        while (true) {
            if (cursor[0] >= limit) {
                throw new IllegalArgumentException("varint overruns the record");
            }
            byte x = b.get(cursor[0]++);
            raw |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
            shift += 7;
            if (shift > 28) {
                throw new IllegalArgumentException("varint longer than 5 bytes");
            }
        }
    }

    private static long varlong(ByteBuffer b, int[] cursor, int limit) {
        long raw = 0;
        int shift = 0;
        while (true) {
            if (cursor[0] >= limit) {
                throw new IllegalArgumentException("varlong overruns the record");
            }
            byte x = b.get(cursor[0]++);
            raw |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalArgumentException("varlong longer than 10 bytes");
            }
        }
    }

    private static void putVarint(ByteBuffer out, int value) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & ~0x7f) != 0) {
            out.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    private static void putVarlong(ByteBuffer out, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7fL) != 0) {
            out.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }
}

package io.tributary.common.records;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Writes one uncompressed magic-2 record batch, and reads the records of one back. Tests, the
 * simulation and internal producers (for example the group coordinator) build batches with it;
 * the broker itself never looks inside a batch.
 *
 * <p>The batch header is the one {@link BatchHeader} describes. After it come {@code recordCount}
 * records, each laid out as (varint = zig-zag LEB128, as Kafka writes them):
 * <pre>
 *   length          varint   bytes that follow this field
 *   attributes      int8     unused, always 0
 *   timestampDelta  varlong  record timestamp minus the batch's baseTimestamp
 *   offsetDelta     varint   record offset minus the batch's baseOffset
 *   keyLength       varint   -1 for a null key
 *   key             bytes
 *   valueLength     varint   -1 for a null value
 *   value           bytes
 *   headerCount     varint
 *   headers         headerCount times:
 *     keyLength     varint   never -1: header keys are non-null UTF-8 strings
 *     key           bytes
 *     valueLength   varint   -1 for a null header value
 *     value         bytes
 * </pre>
 *
 * <p>A builder is reusable ({@link #reset()}) and keeps one growing byte array for the record
 * bodies, so building many batches allocates little beyond the batches themselves. It is not
 * thread-safe.
 */
public final class BatchBuilder {

    /** A record header: a non-null key and a value that may be null. */
    public record Header(String key, byte[] value) {
        public Header {
            Objects.requireNonNull(key, "header key");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Header h && key.equals(h.key) && Arrays.equals(value, h.value);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Header(" + key + ", " + (value == null ? "null" : value.length + " bytes") + ")";
        }
    }

    private static final Header[] NO_HEADERS = new Header[0];
    private static final int TIMESTAMP_TYPE_BIT = 0x08;
    private static final int TRANSACTIONAL_BIT = 0x10;
    private static final int CONTROL_BIT = 0x20;

    private byte[] body;
    private int bodySize;
    private int recordCount;
    private long baseOffset;
    private int partitionLeaderEpoch;
    private long producerId;
    private short producerEpoch;
    private int baseSequence;
    private boolean transactional;
    private boolean control;
    private long logAppendTimeMs;
    private long baseTimestamp;
    private long maxTimestamp;

    public BatchBuilder() {
        this(256);
    }

    /** @param initialBodyCapacityBytes the starting size of the record-body buffer; it grows as needed */
    public BatchBuilder(int initialBodyCapacityBytes) {
        if (initialBodyCapacityBytes < 16) {
            throw new IllegalArgumentException("initialBodyCapacityBytes must be at least 16, got " + initialBodyCapacityBytes);
        }
        body = new byte[initialBodyCapacityBytes];
        reset();
    }

    /** Forgets every record and setting, keeping the buffer, so the builder can build the next batch. */
    public BatchBuilder reset() {
        bodySize = 0;
        recordCount = 0;
        baseOffset = 0;
        partitionLeaderEpoch = BatchHeader.NO_PARTITION_LEADER_EPOCH;
        producerId = BatchHeader.NO_PRODUCER_ID;
        producerEpoch = BatchHeader.NO_PRODUCER_EPOCH;
        baseSequence = BatchHeader.NO_SEQUENCE;
        transactional = false;
        control = false;
        logAppendTimeMs = BatchHeader.NO_TIMESTAMP;
        baseTimestamp = BatchHeader.NO_TIMESTAMP;
        maxTimestamp = BatchHeader.NO_TIMESTAMP;
        return this;
    }

    public BatchBuilder baseOffset(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("base offset must be >= 0, got " + offset);
        }
        this.baseOffset = offset;
        return this;
    }

    public BatchBuilder partitionLeaderEpoch(int epoch) {
        this.partitionLeaderEpoch = epoch;
        return this;
    }

    /** Marks the batch idempotent: the producer id, its epoch and the sequence of the first record. */
    public BatchBuilder producer(long id, short epoch, int firstSequence) {
        this.producerId = id;
        this.producerEpoch = epoch;
        this.baseSequence = firstSequence;
        return this;
    }

    public BatchBuilder transactional(boolean on) {
        this.transactional = on;
        return this;
    }

    public BatchBuilder control(boolean on) {
        this.control = on;
        return this;
    }

    /**
     * Stamps the batch with LogAppendTime: the timestamp-type attribute is set and the batch's max
     * timestamp becomes {@code appendTimeMs}, which readers then report for every record.
     */
    public BatchBuilder logAppendTime(long appendTimeMs) {
        this.logAppendTimeMs = appendTimeMs;
        return this;
    }

    public BatchBuilder append(long timestampMs, byte[] key, byte[] value) {
        return append(timestampMs, key, value, NO_HEADERS);
    }

    /** Appends a record at the next offset delta. Null key or value are written as length -1. */
    public BatchBuilder append(long timestampMs, byte[] key, byte[] value, Header... headers) {
        if (recordCount == Integer.MAX_VALUE) {
            throw new IllegalStateException("a batch holds at most " + Integer.MAX_VALUE + " records");
        }
        if (recordCount == 0) {
            baseTimestamp = timestampMs;
        }
        long timestampDelta = timestampMs - baseTimestamp;
        int offsetDelta = recordCount;
        int keySize = key == null ? 0 : key.length;
        int valueSize = value == null ? 0 : value.length;
        byte[][] headerKeys = headers.length == 0 ? null : new byte[headers.length][];
        int headersSize = sizeOfVarint(headers.length);
        for (int i = 0; i < headers.length; i++) {
            Header h = Objects.requireNonNull(headers[i], "header");
            headerKeys[i] = h.key().getBytes(StandardCharsets.UTF_8);
            headersSize += sizeOfVarint(headerKeys[i].length) + headerKeys[i].length;
            headersSize += h.value() == null ? sizeOfVarint(-1) : sizeOfVarint(h.value().length) + h.value().length;
        }
        int recordBodySize = 1 + sizeOfVarlong(timestampDelta) + sizeOfVarint(offsetDelta)
                + (key == null ? sizeOfVarint(-1) : sizeOfVarint(keySize) + keySize)
                + (value == null ? sizeOfVarint(-1) : sizeOfVarint(valueSize) + valueSize)
                + headersSize;
        long total = (long) sizeOfVarint(recordBodySize) + recordBodySize;
        if ((long) BatchHeader.SIZE + bodySize + total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("batch would exceed 2 GiB");
        }
        ensureCapacity(bodySize + (int) total);
        int at = bodySize;
        at = putVarint(recordBodySize, at);
        body[at++] = 0;
        at = putVarlong(timestampDelta, at);
        at = putVarint(offsetDelta, at);
        at = putBytes(key, at);
        at = putBytes(value, at);
        at = putVarint(headers.length, at);
        for (int i = 0; i < headers.length; i++) {
            at = putBytes(headerKeys[i], at);
            at = putBytes(headers[i].value(), at);
        }
        if (at != bodySize + total) {
            throw new IllegalStateException("record size miscounted: wrote " + (at - bodySize) + ", expected " + total);
        }
        bodySize = at;
        recordCount++;
        maxTimestamp = Math.max(maxTimestamp, timestampMs);
        return this;
    }

    public int recordCount() {
        return recordCount;
    }

    /** The size the batch would have if built now, header included. */
    public int sizeInBytes() {
        return BatchHeader.SIZE + bodySize;
    }

    /** Builds the batch into a new heap buffer sized exactly; position 0, limit the batch's size. */
    public ByteBuffer build() {
        ByteBuffer out = ByteBuffer.allocate(sizeInBytes());
        writeTo(out);
        return out.flip();
    }

    /**
     * Writes the batch at {@code dst}'s position and advances it, so several batches can share one
     * buffer without intermediate copies. Returns the batch's size in bytes.
     */
    public int writeTo(ByteBuffer dst) {
        if (recordCount == 0) {
            throw new IllegalStateException("a batch needs at least one record");
        }
        int size = sizeInBytes();
        if (dst.remaining() < size) {
            throw new IllegalArgumentException("destination has " + dst.remaining() + " bytes left, batch needs " + size);
        }
        int at = dst.position();
        int attributes = (logAppendTimeMs != BatchHeader.NO_TIMESTAMP ? TIMESTAMP_TYPE_BIT : 0)
                | (transactional ? TRANSACTIONAL_BIT : 0) | (control ? CONTROL_BIT : 0);
        dst.putLong(at + BatchHeader.BASE_OFFSET, baseOffset);
        dst.putInt(at + BatchHeader.BATCH_LENGTH, size - BatchHeader.LOG_OVERHEAD);
        dst.putInt(at + BatchHeader.PARTITION_LEADER_EPOCH, partitionLeaderEpoch);
        dst.put(at + BatchHeader.MAGIC, BatchHeader.CURRENT_MAGIC);
        dst.putShort(at + BatchHeader.ATTRIBUTES, (short) attributes);
        dst.putInt(at + BatchHeader.LAST_OFFSET_DELTA, recordCount - 1);
        dst.putLong(at + BatchHeader.BASE_TIMESTAMP, baseTimestamp);
        dst.putLong(at + BatchHeader.MAX_TIMESTAMP,
                logAppendTimeMs != BatchHeader.NO_TIMESTAMP ? logAppendTimeMs : maxTimestamp);
        dst.putLong(at + BatchHeader.PRODUCER_ID, producerId);
        dst.putShort(at + BatchHeader.PRODUCER_EPOCH, producerEpoch);
        dst.putInt(at + BatchHeader.BASE_SEQUENCE, baseSequence);
        dst.putInt(at + BatchHeader.RECORD_COUNT, recordCount);
        dst.position(at + BatchHeader.SIZE);
        dst.put(body, 0, bodySize);
        CRC32C crc = new CRC32C();
        ByteBuffer covered = dst.duplicate();
        covered.position(at + BatchHeader.ATTRIBUTES).limit(at + size);
        crc.update(covered);
        dst.putInt(at + BatchHeader.CRC, (int) crc.getValue());
        return size;
    }

    // ---------------------------------------------------------------- reading

    /**
     * One record read back from a batch. Key and value are read-only slices of the batch's buffer
     * (no copy), or null. The timestamp is the batch's max timestamp when the batch uses LogAppendTime.
     */
    public record Record(long offset, long timestamp, ByteBuffer key, ByteBuffer value, List<Header> headers) {

        public byte[] keyBytes() {
            return copy(key);
        }

        public byte[] valueBytes() {
            return copy(value);
        }

        private static byte[] copy(ByteBuffer b) {
            if (b == null) {
                return null;
            }
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            return out;
        }
    }

    /**
     * A cursor over the records of one uncompressed batch: call {@link #next()} until it returns
     * false. It checks every length against the batch's bounds and throws
     * {@link IllegalArgumentException} for a malformed record, never reading past the batch.
     */
    public static final class RecordReader {
        private final ByteBuffer buf;
        private final int end;
        private final long baseOffset;
        private final long baseTimestamp;
        private final long logAppendTimeMs;
        private final int count;
        private int read;
        private int at;
        private Record current;

        /** Reads the batch that starts at absolute index {@code batchStart} of {@code buffer}. */
        public RecordReader(ByteBuffer buffer, int batchStart) {
            if (buffer.limit() - batchStart < BatchHeader.SIZE) {
                throw new IllegalArgumentException("buffer holds " + (buffer.limit() - batchStart) + " bytes, less than a batch header");
            }
            int size = BatchHeader.sizeInBytes(buffer, batchStart);
            if (size < BatchHeader.SIZE || size > buffer.limit() - batchStart) {
                throw new IllegalArgumentException("batch size " + size + " does not fit the buffer");
            }
            if (BatchHeader.magic(buffer, batchStart) != BatchHeader.CURRENT_MAGIC) {
                throw new IllegalArgumentException("magic " + BatchHeader.magic(buffer, batchStart) + " is not 2");
            }
            if (BatchHeader.compression(buffer, batchStart) != 0) {
                throw new UnsupportedOperationException("batch is compressed (codec "
                        + BatchHeader.compression(buffer, batchStart) + "); only uncompressed batches can be read here");
            }
            this.buf = buffer.duplicate();
            this.end = batchStart + size;
            this.baseOffset = BatchHeader.baseOffset(buffer, batchStart);
            this.baseTimestamp = BatchHeader.baseTimestamp(buffer, batchStart);
            this.logAppendTimeMs = BatchHeader.isLogAppendTime(buffer, batchStart)
                    ? BatchHeader.maxTimestamp(buffer, batchStart) : BatchHeader.NO_TIMESTAMP;
            this.count = BatchHeader.recordCount(buffer, batchStart);
            if (count < 0) {
                throw new IllegalArgumentException("negative record count " + count);
            }
            this.at = batchStart + BatchHeader.SIZE;
        }

        /** Advances to the next record; false once all {@code recordCount} records are read. */
        public boolean next() {
            if (read == count) {
                if (at != end) {
                    throw new IllegalArgumentException((end - at) + " stray bytes after the last record");
                }
                current = null;
                return false;
            }
            try {
                int length = readVarint();
                if (length < 0 || length > end - at) {
                    throw new IllegalArgumentException("record length " + length + " overruns the batch");
                }
                int recordEnd = at + length;
                at++; // attributes: unused
                long timestampDelta = readVarlong();
                int offsetDelta = readVarint();
                ByteBuffer key = readSlice(recordEnd);
                ByteBuffer value = readSlice(recordEnd);
                int headerCount = readVarint();
                if (headerCount < 0 || headerCount > recordEnd - at) {
                    throw new IllegalArgumentException("header count " + headerCount + " is impossible");
                }
                List<Header> headers = headerCount == 0 ? List.of() : new ArrayList<>(headerCount);
                for (int i = 0; i < headerCount; i++) {
                    ByteBuffer hk = readSlice(recordEnd);
                    if (hk == null) {
                        throw new IllegalArgumentException("null header key");
                    }
                    ByteBuffer hv = readSlice(recordEnd);
                    headers.add(new Header(StandardCharsets.UTF_8.decode(hk).toString(), Record.copy(hv)));
                }
                if (at != recordEnd) {
                    throw new IllegalArgumentException("record declares " + length + " bytes but its fields end elsewhere");
                }
                long timestamp = logAppendTimeMs != BatchHeader.NO_TIMESTAMP ? logAppendTimeMs : baseTimestamp + timestampDelta;
                current = new Record(baseOffset + offsetDelta, timestamp, key, value,
                        headerCount == 0 ? List.of() : List.copyOf(headers));
                read++;
                return true;
            } catch (IndexOutOfBoundsException | BufferUnderflowException e) {
                throw new IllegalArgumentException("record " + read + " overruns the batch", e);
            }
        }

        public Record current() {
            if (current == null) {
                throw new IllegalStateException("call next() first");
            }
            return current;
        }

        private ByteBuffer readSlice(int limit) {
            int len = readVarint();
            if (len == -1) {
                return null;
            }
            if (len < 0 || len > limit - at) {
                throw new IllegalArgumentException("field length " + len + " overruns the record");
            }
            ByteBuffer slice = buf.duplicate();
            slice.limit(at + len).position(at);
            at += len;
            return slice.slice().asReadOnlyBuffer();
        }

        private int readVarint() {
            int raw = 0;
            int shift = 0;
            while (true) {
                if (at >= end) {
                    throw new IllegalArgumentException("varint overruns the batch");
                }
                byte b = buf.get(at++);
                raw |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
                shift += 7;
                if (shift > 28) {
                    throw new IllegalArgumentException("varint longer than 5 bytes");
                }
            }
            return (raw >>> 1) ^ -(raw & 1);
        }

        private long readVarlong() {
            long raw = 0;
            int shift = 0;
            while (true) {
                if (at >= end) {
                    throw new IllegalArgumentException("varlong overruns the batch");
                }
                byte b = buf.get(at++);
                raw |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
                shift += 7;
                if (shift > 63) {
                    throw new IllegalArgumentException("varlong longer than 10 bytes");
                }
            }
            return (raw >>> 1) ^ -(raw & 1);
        }
    }

    /** Reads every record of every batch in {@code batches}, position to limit, in order. */
    public static List<Record> readAll(ByteBuffer batches) {
        List<Record> out = new ArrayList<>();
        int at = batches.position();
        while (at < batches.limit()) {
            if (batches.limit() - at < BatchHeader.LOG_OVERHEAD) {
                throw new IllegalArgumentException("truncated batch at byte " + (at - batches.position()));
            }
            RecordReader reader = new RecordReader(batches, at);
            while (reader.next()) {
                out.add(reader.current());
            }
            at += BatchHeader.sizeInBytes(batches, at);
        }
        return out;
    }

    // ---------------------------------------------------------------- encoding helpers

    private void ensureCapacity(int needed) {
        if (needed > body.length) {
            long grown = Math.max(needed, (long) body.length * 2);
            body = Arrays.copyOf(body, (int) Math.min(grown, Integer.MAX_VALUE - 8));
        }
    }

    private int putBytes(byte[] bytes, int at) {
        if (bytes == null) {
            return putVarint(-1, at);
        }
        at = putVarint(bytes.length, at);
        System.arraycopy(bytes, 0, body, at, bytes.length);
        return at + bytes.length;
    }

    private int putVarint(int value, int at) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & ~0x7f) != 0) {
            body[at++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        body[at++] = (byte) v;
        return at;
    }

    private int putVarlong(long value, int at) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7fL) != 0) {
            body[at++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        body[at++] = (byte) v;
        return at;
    }

    /** The bytes the zig-zag varint encoding of {@code value} takes. */
    public static int sizeOfVarint(int value) {
        int v = (value << 1) ^ (value >> 31);
        int bytes = 1;
        while ((v & ~0x7f) != 0) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    /** The bytes the zig-zag varlong encoding of {@code value} takes. */
    public static int sizeOfVarlong(long value) {
        long v = (value << 1) ^ (value >> 63);
        int bytes = 1;
        while ((v & ~0x7fL) != 0) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }
}

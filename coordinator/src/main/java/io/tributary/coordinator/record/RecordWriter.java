package io.tributary.coordinator.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes the field encodings {@link CoordinatorRecordCodec} documents into a growable array. */
final class RecordWriter {

    private byte[] buf;
    private int size;

    RecordWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int more) {
        if (buf.length - size < more) {
            buf = Arrays.copyOf(buf, Math.max(size + more, buf.length * 2));
        }
    }

    RecordWriter i16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    RecordWriter i32(int v) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
        return this;
    }

    RecordWriter i64(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
        return this;
    }

    RecordWriter string(String s) {
        if (s == null) {
            throw new IllegalArgumentException("a non-null string field is null");
        }
        return nstring(s);
    }

    RecordWriter nstring(String s) {
        if (s == null) {
            return i16(-1);
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("string of " + bytes.length + " bytes exceeds " + Short.MAX_VALUE);
        }
        i16(bytes.length);
        return raw(bytes);
    }

    RecordWriter text(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > RecordReader.TEXT_BYTES_MAX) {
            throw new IllegalArgumentException("text of " + bytes.length + " bytes exceeds " + RecordReader.TEXT_BYTES_MAX);
        }
        i32(bytes.length);
        return raw(bytes);
    }

    RecordWriter bytes(byte[] bytes) {
        if (bytes.length > RecordReader.BYTES_MAX) {
            throw new IllegalArgumentException("byte field of " + bytes.length + " bytes exceeds " + RecordReader.BYTES_MAX);
        }
        i32(bytes.length);
        return raw(bytes);
    }

    private RecordWriter raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    byte[] toArray() {
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }
}

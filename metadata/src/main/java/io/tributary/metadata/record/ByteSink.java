package io.tributary.metadata.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** A growable big-endian byte buffer with the field encodings {@link MetadataRecordCodec} documents. */
final class ByteSink {

    private ByteBuffer buf;

    ByteSink(int initialCapacity) {
        buf = ByteBuffer.allocate(Math.max(16, initialCapacity));
    }

    private void ensure(int more) {
        if (buf.remaining() < more) {
            int needed = buf.position() + more;
            int capacity = Math.max(needed, buf.capacity() * 2);
            ByteBuffer bigger = ByteBuffer.allocate(capacity);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }

    ByteSink u8(int v) {
        ensure(1);
        buf.put((byte) v);
        return this;
    }

    ByteSink bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    ByteSink i32(int v) {
        ensure(4);
        buf.putInt(v);
        return this;
    }

    ByteSink i64(long v) {
        ensure(8);
        buf.putLong(v);
        return this;
    }

    ByteSink uuid(UUID id) {
        return i64(id.getMostSignificantBits()).i64(id.getLeastSignificantBits());
    }

    /** A nullable string: int32 byte length (-1 for null) then UTF-8 bytes. */
    ByteSink string(String s) {
        if (s == null) {
            return i32(-1);
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > ByteSource.MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string of " + bytes.length + " bytes exceeds " + ByteSource.MAX_STRING_BYTES);
        }
        i32(bytes.length);
        ensure(bytes.length);
        buf.put(bytes);
        return this;
    }

    /** An int32 list: int32 count then the values. */
    ByteSink i32List(List<Integer> values) {
        i32(values.size());
        for (int v : values) {
            i32(v);
        }
        return this;
    }

    ByteSink bytes(ByteBuffer src) {
        ensure(src.remaining());
        buf.put(src.duplicate());
        return this;
    }

    int position() {
        return buf.position();
    }

    void putI32At(int index, int v) {
        buf.putInt(index, v);
    }

    /** The bytes written so far, as a buffer positioned at 0. */
    ByteBuffer toBuffer() {
        ByteBuffer out = buf.duplicate();
        out.flip();
        return out.slice();
    }
}

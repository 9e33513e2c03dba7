package io.tributary.controller;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * How metadata travels in the records field of a Fetch of {@code __cluster_metadata} between a
 * Tributary controller and a Tributary broker (only Tributary brokers read it). Byte layout
 * (big-endian), repeated to the end of the buffer:
 *
 * <pre>
 *   int8   kind     0 = batch of records, 1 = snapshot (the whole image; replaces the broker's)
 *   int64  offset   the batch's offset, or the offset the snapshot includes everything up to
 *   int32  length   payload bytes that follow
 *   bytes  payload  the records, as MetadataBatchCodec encodes a batch
 * </pre>
 *
 * <p>Rules, checked when encoding and when decoding: offsets are non-negative and strictly grow
 * from entry to entry; a snapshot may only come first (it replaces everything before it). The
 * payload is not looked into here; {@code MetadataBatchCodec.decode} checks its CRC.
 *
 * <p>Decoding never throws anything but {@link MetadataFetchFramingException}, and returns
 * read-only views of the input.
 */
public final class MetadataFetchFraming {

    /** kind + offset + length. */
    public static final int ENTRY_HEADER_BYTES = 1 + 8 + 4;

    private MetadataFetchFraming() {
    }

    public static ByteBuffer encode(List<MetadataFetchEntry> entries) {
        long total = 0;
        long previous = -1;
        for (int i = 0; i < entries.size(); i++) {
            MetadataFetchEntry e = entries.get(i);
            check(e.kind(), e.offset(), previous, i);
            previous = e.offset();
            total += ENTRY_HEADER_BYTES + e.payloadBytes();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a metadata fetch answer of " + total + " bytes does not fit a buffer");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total);
        for (MetadataFetchEntry e : entries) {
            out.put((byte) e.kind().code()).putLong(e.offset()).putInt(e.payloadBytes()).put(e.payload());
        }
        return out.flip();
    }

    /** Decodes the remaining bytes of {@code bytes} (its position is not moved). */
    public static List<MetadataFetchEntry> decode(ByteBuffer bytes) {
        ByteBuffer in = bytes.duplicate();
        List<MetadataFetchEntry> out = new ArrayList<>();
        long previous = -1;
        while (in.hasRemaining()) {
            int at = in.position() - bytes.position();
            if (in.remaining() < ENTRY_HEADER_BYTES) {
                throw new MetadataFetchFramingException("metadata fetch entry " + out.size() + " at byte " + at + ": only "
                        + in.remaining() + " bytes left, a header needs " + ENTRY_HEADER_BYTES);
            }
            int code = in.get();
            long offset = in.getLong();
            int length = in.getInt();
            MetadataFetchEntry.Kind kind = MetadataFetchEntry.Kind.of(code);
            if (kind == null) {
                throw new MetadataFetchFramingException("metadata fetch entry " + out.size() + " at byte " + at
                        + ": unknown kind " + code);
            }
            if (length < 0 || length > in.remaining()) {
                throw new MetadataFetchFramingException("metadata fetch entry " + out.size() + " at byte " + at + ": payload length "
                        + length + " but " + in.remaining() + " bytes left");
            }
            try {
                check(kind, offset, previous, out.size());
            } catch (IllegalArgumentException e) {
                throw new MetadataFetchFramingException(e.getMessage() + " (at byte " + at + ")");
            }
            ByteBuffer payload = in.slice(in.position(), length);
            in.position(in.position() + length);
            out.add(new MetadataFetchEntry(kind, offset, payload));
            previous = offset;
        }
        return List.copyOf(out);
    }

    private static void check(MetadataFetchEntry.Kind kind, long offset, long previous, int index) {
        if (offset < 0) {
            throw new IllegalArgumentException("metadata fetch entry " + index + ": negative offset " + offset);
        }
        if (kind == MetadataFetchEntry.Kind.SNAPSHOT && index > 0) {
            throw new IllegalArgumentException("metadata fetch entry " + index + ": a snapshot may only come first");
        }
        if (index > 0 && offset <= previous) {
            throw new IllegalArgumentException("metadata fetch entry " + index + ": offset " + offset
                    + " does not follow " + previous);
        }
    }
}

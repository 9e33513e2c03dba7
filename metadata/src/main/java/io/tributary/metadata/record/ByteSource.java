package io.tributary.metadata.record;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the field encodings of {@link MetadataRecordCodec} from a buffer, checking every length
 * against what is left before allocating anything, so garbage input can never make it allocate
 * more than the input's own size. Every failure is a {@link MetadataCodecException}.
 */
final class ByteSource {

    /** The longest string we read, so a corrupt length cannot ask for gigabytes. */
    static final int MAX_STRING_BYTES = 1 << 20;

    private final ByteBuffer buf;
    private String context = "";

    ByteSource(ByteBuffer buf) {
        this.buf = buf.duplicate();
    }

    /** Names what is being read, for error messages. */
    void context(String context) {
        this.context = context;
    }

    MetadataCodecException error(String what) {
        return new MetadataCodecException(what + (context.isEmpty() ? "" : " (in " + context + ")")
                + " at byte " + buf.position());
    }

    private void need(int n, String field) {
        if (buf.remaining() < n) {
            throw error("truncated " + field + ": need " + n + " bytes, " + buf.remaining() + " left");
        }
    }

    int u8(String field) {
        need(1, field);
        return buf.get() & 0xFF;
    }

    boolean bool(String field) {
        int v = u8(field);
        if (v > 1) {
            throw error("field " + field + " must be a boolean 0 or 1, got " + v);
        }
        return v == 1;
    }

    int i32(String field) {
        need(4, field);
        return buf.getInt();
    }

    long i64(String field) {
        need(8, field);
        return buf.getLong();
    }

    UUID uuid(String field) {
        need(16, field);
        return new UUID(buf.getLong(), buf.getLong());
    }

    String string(String field) {
        int len = i32(field + " length");
        if (len == -1) {
            return null;
        }
        if (len < 0 || len > MAX_STRING_BYTES) {
            throw error("field " + field + " has an invalid length " + len);
        }
        need(len, field);
        ByteBuffer slice = buf.slice();
        slice.limit(len);
        buf.position(buf.position() + len);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw error("field " + field + " is not valid UTF-8");
        }
    }

    String nonNullString(String field) {
        String s = string(field);
        if (s == null) {
            throw error("field " + field + " must not be null");
        }
        return s;
    }

    /** A count of elements of at least {@code minBytesEach} bytes, checked against the bytes left. */
    int count(String field, int minBytesEach, int max) {
        int n = i32(field + " count");
        if (n < 0 || n > max) {
            throw error("field " + field + " has an invalid count " + n + " (max " + max + ")");
        }
        if ((long) n * minBytesEach > buf.remaining()) {
            throw error("field " + field + " claims " + n + " entries but only " + buf.remaining() + " bytes are left");
        }
        return n;
    }

    List<Integer> i32List(String field, int max) {
        int n = count(field, 4, max);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(buf.getInt());
        }
        return out;
    }

    /** A slice of the next {@code n} bytes, advancing past them. */
    ByteBuffer slice(int n, String field) {
        need(n, field);
        ByteBuffer slice = buf.slice();
        slice.limit(n);
        buf.position(buf.position() + n);
        return slice;
    }

    int remaining() {
        return buf.remaining();
    }

    int position() {
        return buf.position();
    }

    ByteBuffer rest() {
        return buf.slice();
    }

    void expectEnd(String what) {
        if (buf.hasRemaining()) {
            throw error(buf.remaining() + " unexpected trailing bytes after " + what);
        }
    }
}

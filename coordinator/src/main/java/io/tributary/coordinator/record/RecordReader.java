package io.tributary.coordinator.record;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the field encodings of {@link CoordinatorRecordCodec}, checking every length against what
 * is left before allocating, so garbage can never make it allocate more than the input's size.
 * Every failure is a {@link CoordinatorCodecException}.
 */
final class RecordReader {

    /** The longest offset metadata we read, so a corrupt length cannot ask for gigabytes. */
    static final int TEXT_BYTES_MAX = 1 << 20;
    /** The longest subscription or assignment we read. */
    static final int BYTES_MAX = 64 << 20;

    private final ByteBuffer buf;
    private final String what;

    RecordReader(ByteBuffer buf, String what) {
        this.buf = buf.duplicate();
        this.what = what;
    }

    CoordinatorCodecException error(String message) {
        return new CoordinatorCodecException(message + " in " + what + " at byte " + buf.position());
    }

    private void need(int n, String field) {
        if (buf.remaining() < n) {
            throw error("truncated " + field + ": need " + n + " bytes, " + buf.remaining() + " left");
        }
    }

    short i16(String field) {
        need(2, field);
        return buf.getShort();
    }

    int i32(String field) {
        need(4, field);
        return buf.getInt();
    }

    long i64(String field) {
        need(8, field);
        return buf.getLong();
    }

    String string(String field) {
        String s = nstring(field);
        if (s == null) {
            throw error(field + " must not be null");
        }
        return s;
    }

    String nstring(String field) {
        short len = i16(field + " length");
        if (len == -1) {
            return null;
        }
        if (len < 0) {
            throw error(field + " has an invalid length " + len);
        }
        return utf8(len, field);
    }

    String text(String field) {
        int len = i32(field + " length");
        if (len < 0 || len > TEXT_BYTES_MAX) {
            throw error(field + " has an invalid length " + len);
        }
        return utf8(len, field);
    }

    byte[] bytes(String field) {
        int len = i32(field + " length");
        if (len < 0 || len > BYTES_MAX) {
            throw error(field + " has an invalid length " + len);
        }
        need(len, field);
        byte[] out = new byte[len];
        buf.get(out);
        return out;
    }

    /** A count of elements of at least {@code minBytesEach} bytes, checked against the bytes left. */
    int count(String field, int minBytesEach) {
        int n = i32(field);
        if (n < 0 || (long) n * minBytesEach > buf.remaining()) {
            throw error(field + " " + n + " does not fit in the " + buf.remaining() + " bytes left");
        }
        return n;
    }

    void end() {
        if (buf.hasRemaining()) {
            throw error(buf.remaining() + " unexpected trailing bytes");
        }
    }

    /**
     * Decodes UTF-8 strictly, so corruption is reported rather than turned into replacement
     * characters. The JDK's decoder (fast for ASCII, which ids, topic names and most metadata are)
     * replaces malformed input with U+FFFD; only a result holding one is decoded again strictly,
     * which tells malformed input from a U+FFFD that was really there.
     */
    private String utf8(int len, String field) {
        need(len, field);
        if (len == 0) {
            return "";
        }
        int start = buf.position();
        String s;
        if (buf.hasArray()) {
            s = new String(buf.array(), buf.arrayOffset() + start, len, StandardCharsets.UTF_8);
        } else {
            byte[] copy = new byte[len];
            buf.get(start, copy);
            s = new String(copy, StandardCharsets.UTF_8);
        }
        buf.position(start + len);
        if (s.indexOf('\uFFFD') < 0) {
            return s;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buf.duplicate().position(start).limit(start + len)).toString();
        } catch (CharacterCodingException e) {
            throw error(field + " is not valid UTF-8");
        }
    }
}

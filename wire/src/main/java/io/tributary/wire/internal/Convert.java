package io.tributary.wire.internal;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.wire.api.TopicRef;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.common.Uuid;

/** Small conversions between kafka-clients' value types and Tributary's. */
public final class Convert {

    private Convert() {
    }

    public static TopicId topicId(Uuid uuid) {
        if (uuid == null) {
            return TopicId.ZERO;
        }
        return new TopicId(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    public static Uuid uuid(TopicId id) {
        if (id == null || id.isZero()) {
            return Uuid.ZERO_UUID;
        }
        return new Uuid(id.mostSignificantBits(), id.leastSignificantBits());
    }

    /** A 128-bit id that is not a topic id (incarnation ids, log directory ids); null for none reads as zero. */
    public static UUID javaUuid(Uuid uuid) {
        if (uuid == null) {
            return new UUID(0L, 0L);
        }
        return new UUID(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    public static Uuid uuid(UUID id) {
        if (id == null) {
            return Uuid.ZERO_UUID;
        }
        return new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    /**
     * A topic as a request names it: by id from the version that switched to ids ({@code byId}), where
     * the name field is absent, and by name before, where the id field is absent.
     */
    public static TopicRef topicRef(boolean byId, String name, Uuid id) {
        return byId ? new TopicRef(null, topicId(id)) : TopicRef.byName(name);
    }

    public static ErrorCode error(short code) {
        return ErrorCode.forCode(code);
    }

    public static short code(ErrorCode error) {
        return error == null ? ErrorCode.NONE.code() : error.code();
    }

    /** Maps a list that may be null (absent at this version) to an immutable list, null becoming empty. */
    public static <A, B> List<B> map(List<A> in, Function<A, B> f) {
        if (in == null || in.isEmpty()) {
            return List.of();
        }
        List<B> out = new ArrayList<>(in.size());
        for (A a : in) {
            out.add(f.apply(a));
        }
        return List.copyOf(out);
    }

    /** Like {@link #map} for any iterable, such as the generated classes' linked collections. */
    public static <A, B> List<B> mapAll(Iterable<A> in, Function<A, B> f) {
        if (in == null) {
            return List.of();
        }
        List<B> out = new ArrayList<>();
        for (A a : in) {
            out.add(f.apply(a));
        }
        return List.copyOf(out);
    }

    /**
     * A {@code bytes} field of a message as a read-only buffer over it (member metadata, assignments);
     * null, which a non-nullable field never holds, reads as empty. Buffers compare by content, so
     * records holding them compare by value.
     */
    public static ByteBuffer buffer(byte[] bytes) {
        return ByteBuffer.wrap(bytes == null ? new byte[0] : bytes).asReadOnlyBuffer();
    }

    /** The remaining bytes of {@code buffer} as a new array, without moving its position; null becomes empty. */
    public static byte[] array(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    /** An immutable copy of a list of ints that may be null in the message. */
    public static List<Integer> ints(List<Integer> in) {
        return in == null ? List.of() : List.copyOf(in);
    }
}

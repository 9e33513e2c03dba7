package io.tributary.common;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * A topic's 128-bit identity, which outlives renames of nothing but tells a recreated topic from
 * the old one of the same name. Rendered as Kafka renders a Uuid: URL-safe base64 without padding,
 * so operators can paste ids between Kafka tools and ours.
 *
 * <p>The all-zero id means "no id" on the wire, and id {@code (0, 1)} is reserved by Kafka for
 * metadata; {@link #random} never returns either.
 */
public record TopicId(long mostSignificantBits, long leastSignificantBits) {

    public static final TopicId ZERO = new TopicId(0L, 0L);
    private static final TopicId RESERVED_METADATA = new TopicId(0L, 1L);

    public static TopicId random(RandomGenerator random) {
        while (true) {
            TopicId id = new TopicId(random.nextLong(), random.nextLong());
            // Kafka refuses ids whose string form starts with '-' because command lines read them as flags.
            if (!id.equals(ZERO) && !id.equals(RESERVED_METADATA) && !id.toString().startsWith("-")) {
                return id;
            }
        }
    }

    public boolean isZero() {
        return mostSignificantBits == 0L && leastSignificantBits == 0L;
    }

    public static TopicId fromString(String s) {
        byte[] bytes = Base64.getUrlDecoder().decode(s);
        if (bytes.length != 16) {
            throw new IllegalArgumentException("a topic id is 16 bytes, got " + bytes.length + " from " + s);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new TopicId(b.getLong(), b.getLong());
    }

    @Override
    public String toString() {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putLong(mostSignificantBits).putLong(leastSignificantBits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }
}

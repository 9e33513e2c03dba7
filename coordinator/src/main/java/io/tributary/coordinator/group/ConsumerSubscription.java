package io.tributary.coordinator.group;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the topics out of a consumer's JoinGroup metadata (the {@code consumer} protocol type's
 * ConsumerProtocolSubscription, every version starts the same way):
 * <pre>
 *   version:int16  topicCount:int32  { length:int16  topic:UTF-8 bytes }*  ...the rest is ignored
 * </pre>
 * The coordinator needs only the topics, to keep a live consumer group's offsets from expiring or
 * being deleted while it consumes them. Anything unreadable yields empty, which callers treat as
 * "subscribed to everything".
 */
public final class ConsumerSubscription {

    public static final String CONSUMER_PROTOCOL_TYPE = "consumer";

    private ConsumerSubscription() {
    }

    public static Optional<Set<String>> topics(byte[] metadata) {
        ByteBuffer buf = ByteBuffer.wrap(metadata);
        if (buf.remaining() < 6 || buf.getShort() < 0) {
            return Optional.empty();
        }
        int count = buf.getInt();
        if (count < 0 || (long) count * 2 > buf.remaining()) {
            return Optional.empty();
        }
        Set<String> topics = new HashSet<>();
        for (int i = 0; i < count; i++) {
            if (buf.remaining() < 2) {
                return Optional.empty();
            }
            int len = buf.getShort();
            if (len < 0 || len > buf.remaining()) {
                return Optional.empty();
            }
            topics.add(new String(metadata, buf.position(), len, StandardCharsets.UTF_8));
            buf.position(buf.position() + len);
        }
        return Optional.of(topics);
    }
}

package io.tributary.metadata.controller;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.TopicRecord;

import java.util.Optional;

/**
 * Kafka's rules for topic names: 1 to 249 characters from {@code [a-zA-Z0-9._-]}, not {@code .}
 * or {@code ..}. Because metric names turn {@code .} into {@code _}, two topics whose names differ
 * only there would collide, so such a name is refused when the other exists.
 */
public final class TopicNames {

    private TopicNames() {
    }

    /** Why the name is illegal (Kafka's wording), or empty if it is legal. */
    public static Optional<String> invalidReason(String name) {
        if (name.isEmpty()) {
            return Optional.of("Topic name is illegal, it can't be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("Topic name cannot be \".\" or \"..\"");
        }
        if (name.length() > TopicRecord.MAX_NAME_LENGTH) {
            return Optional.of("Topic name is illegal, it can't be longer than " + TopicRecord.MAX_NAME_LENGTH
                    + " characters, topic name: " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!legal) {
                return Optional.of("Topic name \"" + name + "\" is illegal, it contains a character other than "
                        + "ASCII alphanumerics, '.', '_' and '-'");
            }
        }
        return Optional.empty();
    }

    /** An existing topic, other than {@code name} itself, whose name collides with it, if any. */
    static Optional<String> collision(MetadataImage image, String name) {
        if (name.indexOf('.') < 0 && name.indexOf('_') < 0) {
            return Optional.empty();
        }
        String normalized = normalize(name);
        for (String existing : image.topics().keySet()) {
            if (!existing.equals(name) && normalize(existing).equals(normalized)) {
                return Optional.of(existing);
            }
        }
        return Optional.empty();
    }

    private static String normalize(String name) {
        return name.replace('.', '_');
    }
}

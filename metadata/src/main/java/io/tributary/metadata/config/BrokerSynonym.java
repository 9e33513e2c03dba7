package io.tributary.metadata.config;

import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.ConfigType;
import io.tributary.common.config.Validator;

import java.util.Objects;

/**
 * A broker-level key that supplies a topic key's value when the topic does not override it (for
 * example {@code log.retention.hours} for {@code retention.ms}), and how to convert its value into
 * the topic key's units.
 *
 * @param unitMs multiplier from the broker key's unit into the topic key's (1 when they agree);
 *               a negative broker value means "unlimited" and converts to -1, as in Kafka
 * @param defaultValue the broker key's own default, or {@code null} when it has none (then a later
 *                     synonym supplies the default)
 */
public record BrokerSynonym(String name, ConfigType type, long unitMs, Object defaultValue) {

    public BrokerSynonym {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (unitMs < 1) {
            throw new IllegalArgumentException("unit multiplier must be >= 1, got " + unitMs);
        }
    }

    /** Parses a broker-level text value (the exception names the broker key). */
    public Object parse(String text) {
        return new ConfigKey(name, type, null, Validator.ANY, "").parse(text);
    }

    /** Converts a parsed broker-level value into the topic key's units, as text. */
    public String toTopicValue(Object parsed) {
        if (unitMs == 1) {
            return ConfigKey.render(parsed);
        }
        long v = ((Number) parsed).longValue();
        if (v < 0) {
            return "-1";
        }
        return Long.toString(Math.multiplyExact(v, unitMs));
    }
}

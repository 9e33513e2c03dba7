package io.tributary.common.config;

import java.util.List;
import java.util.Set;

/** The rule a parsed config value must obey; a violation throws {@link ConfigException} naming the key. */
@FunctionalInterface
public interface Validator {

    void check(String key, Object value);

    Validator ANY = (key, value) -> { };

    static Validator atLeast(long min) {
        return (key, value) -> {
            if (((Number) value).longValue() < min) {
                throw new ConfigException(key, value, "must be at least " + min);
            }
        };
    }

    static Validator between(long min, long max) {
        return (key, value) -> {
            long v = ((Number) value).longValue();
            if (v < min || v > max) {
                throw new ConfigException(key, value, "must be between " + min + " and " + max);
            }
        };
    }

    /** Kafka's convention for retention: -1 means unlimited, otherwise the value must be at least {@code min}. */
    static Validator unlimitedOrAtLeast(long min) {
        return (key, value) -> {
            long v = ((Number) value).longValue();
            if (v != -1 && v < min) {
                throw new ConfigException(key, value, "must be -1 (unlimited) or at least " + min);
            }
        };
    }

    static Validator oneOf(String... allowed) {
        Set<String> set = Set.of(allowed);
        return (key, value) -> {
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (!set.contains(String.valueOf(item))) {
                        throw new ConfigException(key, value, "each item must be one of " + String.join(", ", allowed));
                    }
                }
            } else if (!set.contains(String.valueOf(value))) {
                throw new ConfigException(key, value, "must be one of " + String.join(", ", allowed));
            }
        };
    }

    static Validator nonEmpty() {
        return (key, value) -> {
            if (value == null || String.valueOf(value).isEmpty()
                    || (value instanceof List<?> list && list.isEmpty())) {
                throw new ConfigException(key, value, "must not be empty");
            }
        };
    }
}

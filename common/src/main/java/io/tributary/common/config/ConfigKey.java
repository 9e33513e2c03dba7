package io.tributary.common.config;

import java.util.Objects;

/**
 * One config key: its name, type, default, the rule its value must obey, and one line of
 * documentation. A {@code null} default means the key is required.
 */
public record ConfigKey(String name, ConfigType type, Object defaultValue, Validator validator, String doc) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(doc, "doc");
    }

    public boolean required() {
        return defaultValue == null;
    }

    /** Parses and validates a text value; the exception names this key. */
    public Object parse(String text) {
        if (text == null) {
            throw new ConfigException(name, null, "a value is required");
        }
        Object value = type.parse(name, text);
        validator.check(name, value);
        return value;
    }

    /** Renders a value as the text it was parsed from, for DescribeConfigs and the docs. */
    public static String render(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.util.List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}

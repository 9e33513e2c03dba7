package io.tributary.common.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of config keys, and the parser that turns text properties into checked values. Unknown
 * keys are not an error (Kafka's files carry many keys we do not use) but are reported, so the
 * caller can warn about each one.
 */
public final class ConfigSchema {

    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();

    public ConfigSchema define(String name, ConfigType type, Object defaultValue, Validator validator, String doc) {
        if (keys.containsKey(name)) {
            throw new IllegalStateException("config key defined twice: " + name);
        }
        ConfigKey key = new ConfigKey(name, type, defaultValue, validator, doc);
        if (defaultValue != null) {
            validator.check(name, defaultValue);
        }
        keys.put(name, key);
        return this;
    }

    public ConfigSchema define(String name, ConfigType type, Object defaultValue, String doc) {
        return define(name, type, defaultValue, Validator.ANY, doc);
    }

    public ConfigKey key(String name) {
        return keys.get(name);
    }

    public boolean contains(String name) {
        return keys.containsKey(name);
    }

    public Map<String, ConfigKey> keys() {
        return Collections.unmodifiableMap(keys);
    }

    /** The outcome of a parse: every key's value (defaults filled in) and the keys nobody defined. */
    public record Parsed(Map<String, Object> values, Map<String, String> explicit, List<String> unknownKeys) {
        public Object get(String key) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("no such config key: " + key);
            }
            return values.get(key);
        }

        public boolean isExplicit(String key) {
            return explicit.containsKey(key);
        }
    }

    /**
     * Parses {@code props}. Throws {@link ConfigException} naming the first key whose value is bad or
     * which is required and missing.
     */
    public Parsed parse(Map<String, String> props) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> explicit = new LinkedHashMap<>();
        for (ConfigKey key : keys.values()) {
            String text = props.get(key.name());
            if (text != null) {
                values.put(key.name(), key.parse(text));
                explicit.put(key.name(), text);
            } else if (key.required()) {
                throw new ConfigException(key.name(), null, "this key is required");
            } else {
                values.put(key.name(), key.defaultValue());
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String name : props.keySet()) {
            if (!keys.containsKey(name)) {
                unknown.add(name);
            }
        }
        Collections.sort(unknown);
        return new Parsed(Collections.unmodifiableMap(values), Collections.unmodifiableMap(explicit), List.copyOf(unknown));
    }
}

package io.tributary.common.config;

/** A config value that cannot be used. The message always names the key, so an operator knows what to fix. */
public final class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, Object value, String why) {
        super("Invalid value " + value + " for configuration " + key + ": " + why);
        this.key = key;
    }

    public String key() {
        return key;
    }
}

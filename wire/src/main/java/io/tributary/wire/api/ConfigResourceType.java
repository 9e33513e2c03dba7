package io.tributary.wire.api;

/**
 * The kind of thing a config belongs to, with Kafka's wire codes (DescribeConfigs,
 * IncrementalAlterConfigs). Requests keep the raw code so that an answer echoes exactly what was
 * asked; this enum reads it.
 */
public enum ConfigResourceType {
    UNKNOWN((byte) 0),
    TOPIC((byte) 2),
    BROKER((byte) 4),
    BROKER_LOGGER((byte) 8),
    CLIENT_METRICS((byte) 16),
    GROUP((byte) 32);

    private final byte code;

    ConfigResourceType(byte code) {
        this.code = code;
    }

    public byte code() {
        return code;
    }

    public static ConfigResourceType forCode(byte code) {
        for (ConfigResourceType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return UNKNOWN;
    }
}

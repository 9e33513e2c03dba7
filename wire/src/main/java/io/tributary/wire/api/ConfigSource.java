package io.tributary.wire.api;

/** Where a config value comes from, with Kafka's wire codes (DescribeConfigs, CreateTopics v5+). */
public enum ConfigSource {
    UNKNOWN((byte) 0),
    TOPIC_CONFIG((byte) 1),
    DYNAMIC_BROKER_CONFIG((byte) 2),
    DYNAMIC_DEFAULT_BROKER_CONFIG((byte) 3),
    STATIC_BROKER_CONFIG((byte) 4),
    DEFAULT_CONFIG((byte) 5),
    DYNAMIC_BROKER_LOGGER_CONFIG((byte) 6),
    CLIENT_METRICS_CONFIG((byte) 7),
    GROUP_CONFIG((byte) 8);

    private final byte code;

    ConfigSource(byte code) {
        this.code = code;
    }

    public byte code() {
        return code;
    }

    public static ConfigSource forCode(byte code) {
        for (ConfigSource s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNKNOWN;
    }
}

package io.tributary.metadata.config;

/**
 * Where an effective config value came from, with Kafka's DescribeConfigs source codes, so
 * {@code kafka-configs --describe} and admin clients show what they show against Kafka.
 */
public enum ConfigSource {
    UNKNOWN(0),
    DYNAMIC_TOPIC_CONFIG(1),
    DYNAMIC_BROKER_CONFIG(2),
    DYNAMIC_DEFAULT_BROKER_CONFIG(3),
    STATIC_BROKER_CONFIG(4),
    DEFAULT_CONFIG(5);

    private final byte code;

    ConfigSource(int code) {
        this.code = (byte) code;
    }

    /** Kafka's wire code. */
    public byte code() {
        return code;
    }
}

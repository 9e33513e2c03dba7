package io.tributary.metadata.record;

/**
 * The kinds of resource a config applies to, with Kafka's resource type codes (as used by
 * DescribeConfigs and IncrementalAlterConfigs).
 */
public enum ConfigResourceType {
    TOPIC(2),
    BROKER(4);

    private final byte code;

    ConfigResourceType(int code) {
        this.code = (byte) code;
    }

    /** Kafka's wire code for the resource type. */
    public byte code() {
        return code;
    }

    /** Returns the type for a Kafka wire code, or {@code null} for one we do not support. */
    public static ConfigResourceType forCode(byte code) {
        for (ConfigResourceType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}

package io.tributary.wire.api;

/** A config value's type, with Kafka's wire codes (DescribeConfigs v3+). */
public enum ConfigType {
    UNKNOWN((byte) 0),
    BOOLEAN((byte) 1),
    STRING((byte) 2),
    INT((byte) 3),
    SHORT((byte) 4),
    LONG((byte) 5),
    DOUBLE((byte) 6),
    LIST((byte) 7),
    CLASS((byte) 8),
    PASSWORD((byte) 9);

    private final byte code;

    ConfigType(byte code) {
        this.code = code;
    }

    public byte code() {
        return code;
    }

    public static ConfigType forCode(byte code) {
        for (ConfigType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return UNKNOWN;
    }
}

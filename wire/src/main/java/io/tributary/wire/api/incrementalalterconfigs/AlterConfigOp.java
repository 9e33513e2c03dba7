package io.tributary.wire.api.incrementalalterconfigs;

/**
 * What IncrementalAlterConfigs does to one config (KIP-339), with Kafka's wire codes. A code Kafka
 * does not define reads as {@link #UNKNOWN}, which the handler answers with {@code INVALID_REQUEST}
 * for that resource rather than dropping the connection.
 */
public enum AlterConfigOp {
    SET((byte) 0),
    DELETE((byte) 1),
    APPEND((byte) 2),
    SUBTRACT((byte) 3),
    UNKNOWN((byte) -1);

    private final byte code;

    AlterConfigOp(byte code) {
        this.code = code;
    }

    public byte code() {
        return code;
    }

    public static AlterConfigOp forCode(byte code) {
        return switch (code) {
            case 0 -> SET;
            case 1 -> DELETE;
            case 2 -> APPEND;
            case 3 -> SUBTRACT;
            default -> UNKNOWN;
        };
    }
}

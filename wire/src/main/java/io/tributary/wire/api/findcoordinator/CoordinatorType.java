package io.tributary.wire.api.findcoordinator;

/** The kind of coordinator a FindCoordinator key names ({@code KeyType}, v1+; v0 asks for groups only). */
public enum CoordinatorType {
    GROUP((byte) 0),
    TRANSACTION((byte) 1),
    /** KIP-932 share groups. */
    SHARE((byte) 2),
    /** A code this broker does not know; Kafka answers it with {@code INVALID_REQUEST}. */
    UNKNOWN((byte) -1);

    private final byte code;

    CoordinatorType(byte code) {
        this.code = code;
    }

    public byte code() {
        return code;
    }

    public static CoordinatorType forCode(byte code) {
        for (CoordinatorType t : values()) {
            if (t != UNKNOWN && t.code == code) {
                return t;
            }
        }
        return UNKNOWN;
    }
}

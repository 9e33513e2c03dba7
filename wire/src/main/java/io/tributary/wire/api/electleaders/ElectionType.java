package io.tributary.wire.api.electleaders;

/**
 * Which leader ElectLeaders elects (KIP-460), with Kafka's wire codes. A code Kafka does not define
 * reads as {@link #UNKNOWN}, which the handler answers with {@code INVALID_REQUEST}.
 */
public enum ElectionType {
    /** Move leadership to the first live replica of the assignment, if it is in the ISR. */
    PREFERRED((byte) 0),
    /** Elect a leader for a leaderless partition even outside the ISR, risking data loss. */
    UNCLEAN((byte) 1),
    UNKNOWN((byte) -1);

    private final byte code;

    ElectionType(byte code) {
        this.code = code;
    }

    public byte code() {
        return code;
    }

    public static ElectionType forCode(byte code) {
        return switch (code) {
            case 0 -> PREFERRED;
            case 1 -> UNCLEAN;
            default -> UNKNOWN;
        };
    }
}

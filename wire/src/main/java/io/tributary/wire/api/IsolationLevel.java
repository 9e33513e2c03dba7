package io.tributary.wire.api;

/** Which records a Fetch or ListOffsets may see: everything below the high watermark, or only committed ones. */
public enum IsolationLevel {
    READ_UNCOMMITTED((byte) 0),
    READ_COMMITTED((byte) 1);

    private final byte code;

    IsolationLevel(byte code) {
        this.code = code;
    }

    public byte code() {
        return code;
    }

    /** Kafka treats any code other than 1 as read-uncommitted; so do we, rather than refuse the request. */
    public static IsolationLevel forCode(byte code) {
        return code == 1 ? READ_COMMITTED : READ_UNCOMMITTED;
    }
}

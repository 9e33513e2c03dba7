package io.tributary.metadata.controller.api;

import java.util.Objects;

/** One IncrementalAlterConfigs operation on one key; the op codes are Kafka's. */
public record AlterConfigOp(String key, OpType op, String value) {

    public AlterConfigOp {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(op, "op");
    }

    public enum OpType {
        SET(0), DELETE(1), APPEND(2), SUBTRACT(3);

        private final byte code;

        OpType(int code) {
            this.code = (byte) code;
        }

        public byte code() {
            return code;
        }

        /** The op for Kafka's wire code, or {@code null} if unknown. */
        public static OpType forCode(byte code) {
            for (OpType t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }
    }
}

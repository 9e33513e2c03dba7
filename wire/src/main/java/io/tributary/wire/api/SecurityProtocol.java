package io.tributary.wire.api;

/**
 * The security protocol of a listener, with Kafka's wire ids (BrokerRegistration). An id Kafka does
 * not define reads as {@link #UNKNOWN}, which the controller answers with an error for that broker
 * rather than dropping the connection. Only {@link #PLAINTEXT} is implemented by Tributary.
 */
public enum SecurityProtocol {
    PLAINTEXT((short) 0),
    SSL((short) 1),
    SASL_PLAINTEXT((short) 2),
    SASL_SSL((short) 3),
    UNKNOWN((short) -1);

    private final short id;

    SecurityProtocol(short id) {
        this.id = id;
    }

    public short id() {
        return id;
    }

    public static SecurityProtocol forId(short id) {
        return switch (id) {
            case 0 -> PLAINTEXT;
            case 1 -> SSL;
            case 2 -> SASL_PLAINTEXT;
            case 3 -> SASL_SSL;
            default -> UNKNOWN;
        };
    }
}

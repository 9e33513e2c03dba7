package io.tributary.coordinator.record;

/** Bytes that are not a valid {@code __consumer_offsets} record; the message says what and where. */
public final class CoordinatorCodecException extends RuntimeException {

    public CoordinatorCodecException(String message) {
        super(message);
    }
}

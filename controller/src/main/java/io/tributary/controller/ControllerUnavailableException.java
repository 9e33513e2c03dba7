package io.tributary.controller;

/**
 * The controller cannot take a request now: its queue is full, too many of its batches wait for
 * commit, too many fetches are parked, or it is stopping or failed. The caller may retry after a
 * short backoff (Kafka clients see a retriable error, such as {@code REQUEST_TIMED_OUT}).
 */
public final class ControllerUnavailableException extends RuntimeException {

    public ControllerUnavailableException(String message) {
        super(message);
    }

    public ControllerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.tributary.broker.controller;

/** The controller cannot take a command now (its queue is full, or it is stopping); the client may retry. */
public final class ControllerUnavailableException extends RuntimeException {

    public ControllerUnavailableException(String message) {
        super(message);
    }
}

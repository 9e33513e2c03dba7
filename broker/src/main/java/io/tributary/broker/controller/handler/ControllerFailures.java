package io.tributary.broker.controller.handler;

import io.tributary.common.ErrorCode;
import io.tributary.controller.ControllerUnavailableException;
import io.tributary.metadata.log.NotControllerException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The error code a controller answers with when the {@code ControllerDriver} refuses or fails a
 * request: {@code NOT_CONTROLLER} when this node is not the active controller (the broker's client
 * then looks for the one that is), {@code REQUEST_TIMED_OUT} when it is busy or stopping (retriable),
 * {@code UNKNOWN_SERVER_ERROR} for anything else.
 */
final class ControllerFailures {

    private ControllerFailures() {
    }

    static ErrorCode code(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof NotControllerException) {
            return ErrorCode.NOT_CONTROLLER;
        }
        if (cause instanceof ControllerUnavailableException) {
            return ErrorCode.REQUEST_TIMED_OUT;
        }
        return ErrorCode.UNKNOWN_SERVER_ERROR;
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}

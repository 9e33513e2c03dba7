package io.tributary.broker.handler;

import io.tributary.broker.controller.ControllerUnavailableException;
import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.log.NotControllerException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns a failed controller round trip into the error a client should see: retriable when trying
 * again may work (busy, stopping, timed out), {@code UNKNOWN_SERVER_ERROR} otherwise.
 */
public final class ControllerErrors {

    private ControllerErrors() {
    }

    public static ApiError toApiError(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof ControllerUnavailableException || cause instanceof TimeoutException) {
            return ApiError.of(ErrorCode.REQUEST_TIMED_OUT, "the controller did not answer in time: " + cause.getMessage());
        }
        if (cause instanceof NotControllerException) {
            return ApiError.of(ErrorCode.NOT_CONTROLLER, cause.getMessage());
        }
        return ApiError.of(ErrorCode.UNKNOWN_SERVER_ERROR, "the controller failed: " + cause);
    }
}

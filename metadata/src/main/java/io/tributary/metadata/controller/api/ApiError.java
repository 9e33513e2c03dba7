package io.tributary.metadata.controller.api;

import io.tributary.common.ErrorCode;

import java.util.Objects;

/** An outcome as Kafka reports it: an error code and, for failures, a message for the operator. */
public record ApiError(ErrorCode code, String message) {

    public static final ApiError NONE = new ApiError(ErrorCode.NONE, null);

    public ApiError {
        Objects.requireNonNull(code, "code");
    }

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code, message);
    }

    public boolean isSuccess() {
        return code == ErrorCode.NONE;
    }

    @Override
    public String toString() {
        return message == null ? code.name() : code.name() + ": " + message;
    }
}

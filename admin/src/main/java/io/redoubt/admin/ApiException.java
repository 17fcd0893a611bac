package io.redoubt.admin;

import io.redoubt.admin.api.ApiError;
import io.redoubt.admin.api.ErrorCode;

/**
 * A refusal a service answers the caller with: RE's error code (which carries the HTTP status) and a
 * one-line description that never repeats a secret.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ApiError error;
    private final int status;

    public ApiException(ErrorCode code, String description) {
        this(ApiError.of(code, description), code.httpStatus());
    }

    public ApiException(ApiError error, int status) {
        super(error.errorCode() + ": " + error.description(), null, false, false);
        this.error = error;
        this.status = status;
    }

    /** The refusal of a request record's own field checks. */
    public static ApiException of(ApiError error) {
        return new ApiException(error, error.code().map(ErrorCode::httpStatus).orElse(400));
    }

    public ApiError error() {
        return error;
    }

    public int status() {
        return status;
    }
}

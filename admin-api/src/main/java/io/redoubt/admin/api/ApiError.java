package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of every refusal, as RE answers: {@code {"error_code": "...", "description": "..."}}. The
 * description says what was wrong and what to do, in one line, and never repeats a secret value.
 * {@code error_code} stays a string so a client still reads codes newer than itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        @JsonProperty("error_code") String errorCode,
        @JsonProperty("description") String description) {

    public ApiError {
        Objects.requireNonNull(errorCode, "error_code");
    }

    public static ApiError of(ErrorCode code, String description) {
        return new ApiError(code.code(), description);
    }

    /** The known code, if this client knows it. */
    public Optional<ErrorCode> code() {
        return ErrorCode.fromCode(errorCode);
    }
}

package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** Body of {@code PUT}, {@code POST} and {@code DELETE /v1/bdbs/{uid}/passwords}: one default-user password. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BdbPasswordRequest(@JsonProperty("password") String password) implements RequestBody {
    static final int MAX_PASSWORD_CHARS = 512;

    @Override
    public Optional<ApiError> validate() {
        return new Validation()
                .required("password", password, ErrorCode.MISSING_FIELD)
                .check(password == null || password.length() <= MAX_PASSWORD_CHARS, ErrorCode.INVALID_PARAM,
                        "'password' is longer than " + MAX_PASSWORD_CHARS + " characters")
                .result();
    }

    @Override
    public String toString() {
        return "BdbPasswordRequest[password=(redacted)]";
    }
}

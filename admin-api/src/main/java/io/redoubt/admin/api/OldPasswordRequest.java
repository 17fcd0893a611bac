package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** Body of {@code DELETE /v1/users/password}: one of the signed-in user's passwords to remove. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OldPasswordRequest(@JsonProperty("old_password") String oldPassword) implements RequestBody {

    @Override
    public Optional<ApiError> validate() {
        return new Validation()
                .required("old_password", oldPassword, ErrorCode.MISSING_FIELD)
                .check(oldPassword == null || oldPassword.length() <= UserRequest.MAX_PASSWORD_CHARS,
                        ErrorCode.INVALID_PARAM, "'old_password' is longer than " + UserRequest.MAX_PASSWORD_CHARS
                                + " characters")
                .result();
    }

    @Override
    public String toString() {
        return "OldPasswordRequest[old_password=(redacted)]";
    }
}

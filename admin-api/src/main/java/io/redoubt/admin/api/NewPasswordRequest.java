package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * Body of {@code POST /v1/users/password} (add one) and {@code PUT /v1/users/password} (replace all):
 * a new password for the signed-in user. Complexity is the control plane's check (it reads the policy).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewPasswordRequest(@JsonProperty("new_password") String newPassword) implements RequestBody {

    @Override
    public Optional<ApiError> validate() {
        return new Validation()
                .required("new_password", newPassword, ErrorCode.MISSING_FIELD)
                .check(newPassword == null || newPassword.length() <= UserRequest.MAX_PASSWORD_CHARS,
                        ErrorCode.INVALID_PARAM, "'new_password' is longer than " + UserRequest.MAX_PASSWORD_CHARS
                                + " characters")
                .result();
    }

    @Override
    public String toString() {
        return "NewPasswordRequest[new_password=(redacted)]";
    }
}

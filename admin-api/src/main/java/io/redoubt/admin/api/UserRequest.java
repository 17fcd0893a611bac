package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * Body of {@code POST /v1/users} (create) and {@code PUT /v1/users/{uid}} (update): RE's user object, the
 * writable fields. {@code name} is what a user signs in with, on the API and with {@code AUTH} on a
 * database, so Redoubt refuses spaces in it (RE allows them; Redis's ACL user names do not).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserRequest(
        @JsonProperty("name") String name,
        @JsonProperty("email") String email,
        @JsonProperty("password") String password,
        @JsonProperty("role") ManagementRole role,
        @JsonProperty("role_uids") List<Integer> roleUids,
        @JsonProperty("auth_method") String authMethod,
        @JsonProperty("certificate_subject_line") String certificateSubjectLine) implements RequestBody {

    /** RE also has entraid and sso; Redoubt has neither. */
    static final List<String> AUTH_METHODS = List.of("regular", "certificate");
    static final int MAX_NAME_CHARS = 128;
    static final int MAX_PASSWORD_CHARS = 512;
    static final int MAX_ROLES = 100;

    @Override
    public Optional<ApiError> validate() {
        Validation v = new Validation()
                .name("name", name, MAX_NAME_CHARS, false)
                .check(email == null || (email.length() <= 254 && email.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                        && email.matches("[^<>\"&@]+@[^<>\"&@]+")),
                        ErrorCode.INVALID_PARAM, "'email' must be an ASCII address like user@example.com")
                .check(password == null || (!password.isEmpty() && password.length() <= MAX_PASSWORD_CHARS),
                        ErrorCode.INVALID_PARAM, "'password' must be 1.." + MAX_PASSWORD_CHARS + " characters")
                .oneOf("auth_method", authMethod, AUTH_METHODS, ErrorCode.INVALID_PARAM)
                .check(roleUids == null || roleUids.size() <= MAX_ROLES, ErrorCode.INVALID_PARAM,
                        "'role_uids' lists more than " + MAX_ROLES + " roles")
                .check(roleUids == null || roleUids.stream().allMatch(u -> u != null && u > 0), ErrorCode.INVALID_PARAM,
                        "'role_uids' must hold role uids (positive integers)")
                .check(certificateSubjectLine == null || (certificateSubjectLine.length() <= 1024
                        && certificateSubjectLine.matches("[A-Za-z]+=[^,]*(,[A-Za-z]+=[^,]*)*")),
                        ErrorCode.INVALID_PARAM,
                        "'certificate_subject_line' must be RFC 2253, e.g. CN=app,OU=dev,O=acme,L=city,ST=state,C=US");
        return v.result();
    }

    /** {@link #validate()} plus what creating a user needs: a name, and a password or a certificate subject. */
    public Optional<ApiError> validateForCreate() {
        boolean certificate = "certificate".equals(authMethod);
        return new Validation()
                .required("name", name, ErrorCode.MISSING_FIELD)
                .check(certificate || password != null, ErrorCode.MISSING_FIELD, "'password' is required")
                .check(!certificate || certificateSubjectLine != null, ErrorCode.MISSING_FIELD,
                        "'certificate_subject_line' is required with auth_method certificate")
                .check(!certificate || password == null, ErrorCode.INVALID_PARAM,
                        "a certificate user has no password: remove 'password'")
                .nested(validate())
                .result();
    }

    @Override
    public String toString() {
        return "UserRequest[name=" + name + ", email=" + email + ", password=" + (password == null ? "null" : "(redacted)")
                + ", role=" + role + ", role_uids=" + roleUids + ", auth_method=" + authMethod
                + ", certificate_subject_line=" + certificateSubjectLine + "]";
    }
}

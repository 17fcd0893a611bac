package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * The {@code error_code} strings the REST API answers, RE's where RE documents one (its request pages),
 * each with the HTTP status it comes with. Codes marked "Redoubt" have no documented RE equivalent.
 */
public enum ErrorCode {
    // the request itself
    /** Body is not JSON, a field has the wrong type, or a value is outside the schema (RE). */
    INVALID_SCHEMA("invalid_schema", 400),
    /** A field the object does not have. RE reports these as invalid_schema; Redoubt names the case. */
    UNKNOWN_FIELD("unknown_field", 400),
    /** A required field is missing (RE). */
    MISSING_FIELD("missing_field", 400),
    /** A value of the right type that the field does not accept (RE). */
    INVALID_PARAM("invalid_param", 400),
    /** Redoubt: the body is larger than the API reads; refused before it is parsed. */
    REQUEST_TOO_LARGE("request_too_large", 413),

    // who is calling
    /** No credentials, or wrong ones (RE answers 401). */
    UNAUTHORIZED("unauthorized", 401),
    /** Signed in, but the role lacks the route's permission (RE answers 403). */
    FORBIDDEN("forbidden", 403),
    /** The password is older than password_expiration_duration (RE, /v1/users/authorize). */
    PASSWORD_EXPIRED("password_expired", 401),
    /** Redoubt: too many failed sign-ins; RE shows the user's status as "locked". */
    USER_LOCKED("user_locked", 401),

    // objects
    NOT_FOUND("not_found", 404),
    /** Another change to the same object is in progress (RE). */
    BUSY("busy", 409),
    /** The configuration store cannot commit: no quorum (RE uses no_quorum on availability). */
    NO_QUORUM("no_quorum", 503),
    NAME_ALREADY_EXISTS("name_already_exists", 409),
    EMAIL_ALREADY_EXISTS("email_already_exists", 409),
    UID_EXISTS("uid_exists", 409),

    // users and passwords (RE: requests/users)
    PASSWORD_NOT_COMPLEX("password_not_complex", 400),
    NEW_PASSWORD_SAME_AS_CURRENT("new_password_same_as_current", 400),
    CANNOT_DELETE_LAST_PASSWORD("cannot_delete_last_password", 400),
    CHANGE_LAST_ADMIN_ROLE_NOT_ALLOWED("change_last_admin_role_not_allowed", 400),

    // databases (RE: POST /v1/bdbs)
    MISSING_DB_NAME("missing_db_name", 400),
    MISSING_MEMORY_SIZE("missing_memory_size", 400),
    PORT_UNAVAILABLE("port_unavailable", 400),
    INVALID_SHARDING("invalid_sharding", 400),
    INVALID_DATA_PERSISTENCE("invalid_data_persistence", 400),
    INSUFFICIENT_RESOURCES("insufficient_resources", 400),

    // certificates (RE: POST /v1/bdbs, certificate installation)
    INVALID_CERTIFICATE("invalid_certificate", 400),
    CERTIFICATE_EXPIRED("certificate_expired", 400),
    DUPLICATED_CERTS("duplicated_certs", 400),
    KEY_VALUES_MISMATCH("key_values_mismatch", 400);

    private final String code;
    private final int httpStatus;

    ErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The {@code error_code} string of the answer body. */
    @JsonValue
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public static Optional<ErrorCode> fromCode(String code) {
        for (ErrorCode c : values()) {
            if (c.code.equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return code;
    }
}

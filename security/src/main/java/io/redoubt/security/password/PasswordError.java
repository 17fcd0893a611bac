package io.redoubt.security.password;

/** Why a password was refused, with the {@code error_code} Redis Enterprise's REST API answers. */
public enum PasswordError {
    /** Fails a complexity rule (too short, a missing character class, the e-mail, a long repetition). */
    PASSWORD_NOT_COMPLEX("password_not_complex"),
    /** A new password equals one the user already has. */
    NEW_PASSWORD_SAME_AS_CURRENT("new_password_same_as_current"),
    /** Older than {@code password_expiration_duration} days. */
    PASSWORD_EXPIRED("password_expired");

    private final String code;

    PasswordError(String code) {
        this.code = code;
    }

    /** The REST API's {@code error_code}. */
    public String code() {
        return code;
    }
}

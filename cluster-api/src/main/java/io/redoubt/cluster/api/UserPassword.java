package io.redoubt.cluster.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One of a user's passwords. A user may hold several at once so that a password can be rotated without
 * downtime (RE {@code POST /v1/users/password}). Neither form can be turned back into the password.
 *
 * @param controlPlaneHash the API's hash, self-describing (e.g. a PHC string {@code $argon2id$...}) so the
 *        algorithm can change without a format change
 * @param redisSha256Hex SHA-256 of the password in lower-case hex, the form Redis ACLs compare with on the data plane
 * @param issuedAt when it was set; expiry counts from here (RE {@code password_issue_date})
 */
public record UserPassword(String controlPlaneHash, String redisSha256Hex, Instant issuedAt) {
    public UserPassword {
        Objects.requireNonNull(controlPlaneHash, "control-plane password hash");
        if (controlPlaneHash.isBlank()) {
            throw new IllegalArgumentException("control-plane password hash must not be blank");
        }
        FieldRules.sha256Hex("Redis password hash", redisSha256Hex);
        Objects.requireNonNull(issuedAt, "password_issue_date");
    }

    /** Hashes are secrets too: never printed. */
    @Override
    public String toString() {
        return "UserPassword[issuedAt=" + issuedAt + "]";
    }
}

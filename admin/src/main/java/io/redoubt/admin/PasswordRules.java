package io.redoubt.admin;

import io.redoubt.admin.api.ErrorCode;
import io.redoubt.cluster.api.ClusterSettings;
import io.redoubt.cluster.api.User;
import io.redoubt.cluster.api.UserPassword;
import io.redoubt.security.Secret;
import io.redoubt.security.password.PasswordHasher;
import io.redoubt.security.password.PasswordPolicy;
import io.redoubt.security.password.PasswordVerdict;
import io.redoubt.security.password.RedisPasswordDigest;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Passwords of users: checked against the cluster's policy, then kept in two forms, the control
 * plane's hash (Argon2id by default) and Redis's SHA-256 for the data plane; never in clear.
 */
final class PasswordRules {
    private final PasswordHasher hasher;
    private final InstantSource clock;
    private volatile String unknownUserHash;

    PasswordRules(PasswordHasher hasher, InstantSource clock) {
        this.hasher = hasher;
        this.clock = clock;
    }

    static PasswordPolicy policy(ClusterSettings s) {
        return new PasswordPolicy(s.passwordComplexity(), s.passwordMinLength(),
                Math.toIntExact(s.passwordExpiration().toDays()));
    }

    /** A new password of a user with {@code email} and these current passwords, or RE's refusal. */
    UserPassword create(ClusterSettings settings, String password, String email, Collection<UserPassword> current) {
        Secret secret = Secret.of(password);
        PasswordVerdict verdict = policy(settings).checkNew(secret, email,
                current.stream().map(UserPassword::controlPlaneHash).toList(), hasher);
        if (verdict instanceof PasswordVerdict.Refused refused) {
            ErrorCode code = ErrorCode.fromCode(refused.error().code()).orElse(ErrorCode.PASSWORD_NOT_COMPLEX);
            throw new ApiException(code, refused.message());
        }
        return new UserPassword(hasher.hash(secret), RedisPasswordDigest.sha256Hex(secret), clock.instant());
    }

    /** The user's password that {@code password} is, if any (each compared in constant time). */
    Optional<UserPassword> matching(User user, Secret password) {
        Optional<UserPassword> found = Optional.empty();
        for (UserPassword p : user.passwords()) {
            // every hash is checked, so the time taken does not tell which password matched
            if (hasher.verify(p.controlPlaneHash(), password) && found.isEmpty()) {
                found = Optional.of(p);
            }
        }
        return found;
    }

    /** Verifies against a hash nobody has, so an unknown user name takes as long as a known one. */
    void burnTime(Secret password) {
        String h = unknownUserHash;
        if (h == null) {
            h = hasher.hash(Secret.of("redoubt-no-such-user"));
            unknownUserHash = h;
        }
        hasher.verify(h, password);
    }

    boolean expired(ClusterSettings settings, UserPassword password) {
        return !policy(settings).checkNotExpired(password.issuedAt(), clock.instant()).accepted();
    }

    static List<String> passwordField() {
        return List.of("password");
    }
}

package io.redoubt.cluster.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's failed sign-ins and lock (RE user {@code status: locked}). Kept in the store so that every node
 * agrees and a restart does not unlock anyone.
 *
 * @param failedAttempts failures counted in the current window
 * @param firstFailureAt when the current window began, empty when nothing failed
 * @param lockedUntil when the lock ends, empty when not locked; {@link Instant#MAX} when only an admin can
 *        unlock (RE {@code login_lockout_duration: 0})
 */
public record LoginLockout(int failedAttempts, Optional<Instant> firstFailureAt, Optional<Instant> lockedUntil) {
    /** No failure, no lock. */
    public static final LoginLockout CLEAR = new LoginLockout(0, Optional.empty(), Optional.empty());

    public LoginLockout {
        FieldRules.atLeast("failed attempts", 0, failedAttempts);
        Objects.requireNonNull(firstFailureAt, "first failure");
        Objects.requireNonNull(lockedUntil, "locked until");
        if (failedAttempts > 0 && firstFailureAt.isEmpty()) {
            throw new IllegalArgumentException("failed attempts need the time of the first failure");
        }
    }

    /** Whether the account is locked at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedUntil.map(now::isBefore).orElse(false);
    }
}

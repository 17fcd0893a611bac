package io.redoubt.security.password;

import java.time.Instant;
import java.util.Optional;

/**
 * One user's sign-in failures, as the admin services keep it with the user in the cluster store.
 * {@link LoginLockout} makes each new state from the old one; nothing here changes.
 *
 * @param failures     failed sign-ins counted (0 when none)
 * @param lastFailure  when the last counted failure happened, or {@code null} when none is counted
 * @param lockedAt     when the account was locked, or {@code null} when it was not
 */
public record LoginLockoutState(int failures, Instant lastFailure, Instant lockedAt) {
    /** No failure counted, not locked. */
    public static final LoginLockoutState CLEAR = new LoginLockoutState(0, null, null);

    public LoginLockoutState {
        if (failures < 0 || (failures == 0) != (lastFailure == null)) {
            throw new IllegalArgumentException("a lockout state with failures knows when the last one happened");
        }
    }

    public Optional<Instant> lockedSince() {
        return Optional.ofNullable(lockedAt);
    }
}

package io.redoubt.security.password;

import java.time.Instant;
import java.util.Optional;

/**
 * One user's sign-in failures, as the admin services keep it with the user in the cluster store.
 * {@link LoginLockout} makes each new state from the old one; nothing here changes.
 *
 * @param failures      failed sign-ins counted since {@code firstFailure} (0 when none)
 * @param firstFailure  when the first counted failure happened, or {@code null} when none is counted
 * @param lockedAt      when the account was locked, or {@code null} when it was not
 */
public record LoginLockoutState(int failures, Instant firstFailure, Instant lockedAt) {
    /** No failure counted, not locked. */
    public static final LoginLockoutState CLEAR = new LoginLockoutState(0, null, null);

    public LoginLockoutState {
        if (failures < 0 || (failures == 0) != (firstFailure == null)) {
            throw new IllegalArgumentException("a lockout state counts failures since its first failure");
        }
    }

    public Optional<Instant> lockedSince() {
        return Optional.ofNullable(lockedAt);
    }
}

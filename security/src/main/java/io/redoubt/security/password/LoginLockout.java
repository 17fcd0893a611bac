package io.redoubt.security.password;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The login lockout of Redis Enterprise as a deterministic state machine: state × event × settings →
 * new state, with the time from an injected {@link InstantSource}. It stores nothing; the caller keeps
 * the returned state with the user. The sign-in flow is: {@link #isLocked} → refuse without checking
 * the password (so a locked account gives no password oracle); otherwise check the password and record
 * {@link #failed} or {@link #succeeded}.
 *
 * <p>Rules: a failure while not locked is counted; the count starts again when
 * {@code counterResetAfter} has passed since the last counted failure (RE's definition of
 * {@code login_lockout_counter_reset_after}: the time that must elapse <em>between</em> failed attempts,
 * so failures 14 minutes apart keep counting under the 15-minute default); reaching {@code threshold}
 * locks the account at that moment. A lock ends after {@code duration}, or only by
 * {@link #unlocked} (an admin resetting the password) when the duration is zero. Failures while locked
 * neither count nor extend the lock. A success resets the count (it cannot happen while locked, see
 * above). Threshold 0 turns all of this off.
 */
public final class LoginLockout {
    private final LockoutSettings settings;
    private final InstantSource clock;

    public LoginLockout(LockoutSettings settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public LockoutSettings settings() {
        return settings;
    }

    /** Whether {@code state} is locked now. */
    public boolean isLocked(LoginLockoutState state) {
        return lockedUntil(state).map(until -> until.equals(Instant.MAX) || clock.instant().isBefore(until))
                .orElse(false);
    }

    /**
     * When the lock of {@code state} ends: {@link Instant#MAX} for an admin-release lock; empty when
     * it is not locked (or lockout is off).
     */
    public Optional<Instant> lockedUntil(LoginLockoutState state) {
        if (!settings.enabled() || state.lockedAt() == null) {
            return Optional.empty();
        }
        return Optional.of(settings.adminRelease() ? Instant.MAX : state.lockedAt().plus(settings.duration()));
    }

    /** The state after a failed sign-in now. */
    public LoginLockoutState failed(LoginLockoutState state) {
        if (!settings.enabled()) {
            return LoginLockoutState.CLEAR;
        }
        if (isLocked(state)) {
            return state;
        }
        Instant now = clock.instant();
        boolean countOver = state.lastFailure() == null || state.lockedAt() != null
                || (!settings.counterResetAfter().isZero()
                && !now.isBefore(state.lastFailure().plus(settings.counterResetAfter())));
        int failures = countOver ? 1 : state.failures() + 1;
        return new LoginLockoutState(failures, now, failures >= settings.threshold() ? now : null);
    }

    /**
     * The state after a successful sign-in now: clear, unless the account is locked (a caller that
     * skipped {@link #isLocked} does not unlock it this way).
     */
    public LoginLockoutState succeeded(LoginLockoutState state) {
        return isLocked(state) ? state : LoginLockoutState.CLEAR;
    }

    /** The state after an admin unlocks the user (RE: by resetting the password). */
    public LoginLockoutState unlocked() {
        return LoginLockoutState.CLEAR;
    }
}

package io.redoubt.admin;

import io.redoubt.cluster.api.ClusterSettings;
import io.redoubt.cluster.api.LoginLockout;
import io.redoubt.security.password.LockoutSettings;
import io.redoubt.security.password.LoginLockoutState;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The security module's lockout state machine over the lockout state the store keeps with each user:
 * the store records when a lock ends, the machine when it began, so each is derived from the other
 * with the cluster's current settings. The machine counts from the last failure (RE's
 * {@code login_lockout_counter_reset_after} is the time that must pass between failures); the store's
 * {@code firstFailureAt} field holds that instant.
 */
final class Lockouts {
    private final io.redoubt.security.password.LoginLockout machine;

    Lockouts(ClusterSettings settings, InstantSource clock) {
        this.machine = new io.redoubt.security.password.LoginLockout(new LockoutSettings(
                settings.loginLockoutThreshold(), settings.loginLockoutCounterResetAfter(),
                settings.loginLockoutDuration()), clock);
    }

    boolean locked(LoginLockout stored) {
        return machine.isLocked(toMachine(stored));
    }

    LoginLockout failed(LoginLockout stored) {
        return fromMachine(machine.failed(toMachine(stored)));
    }

    private LoginLockoutState toMachine(LoginLockout stored) {
        if (stored.failedAttempts() == 0 && stored.lockedUntil().isEmpty()) {
            return LoginLockoutState.CLEAR;
        }
        Instant first = stored.firstFailureAt().orElse(Instant.EPOCH);
        Instant lockedAt = stored.lockedUntil()
                .map(until -> until.equals(Instant.MAX) ? first : until.minus(machine.settings().duration()))
                .orElse(null);
        return new LoginLockoutState(Math.max(1, stored.failedAttempts()), first, lockedAt);
    }

    private LoginLockout fromMachine(LoginLockoutState state) {
        if (state.failures() == 0) {
            return LoginLockout.CLEAR;
        }
        return new LoginLockout(state.failures(), Optional.of(state.lastFailure()), machine.lockedUntil(state));
    }
}

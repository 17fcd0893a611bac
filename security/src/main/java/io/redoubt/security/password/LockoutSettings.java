package io.redoubt.security.password;

import java.time.Duration;

/**
 * Redis Enterprise's login lockout settings ({@code login_lockout_threshold},
 * {@code login_lockout_counter_reset_after}, {@code login_lockout_duration}).
 *
 * @param threshold         failed sign-ins that lock the account; 0 turns lockout off ({@code disabled})
 * @param counterResetAfter how long without a failed sign-in resets the count to 0 (RE: "number of
 *                          seconds that must elapse between failed sign in attempts before the lockout
 *                          counter is reset"); zero means only a successful sign-in resets it
 * @param duration          how long a lock lasts; zero means until an admin unlocks the user
 *                          ({@code admin-release}: RE unlocks by resetting the password)
 */
public record LockoutSettings(int threshold, Duration counterResetAfter, Duration duration) {
    /** RE's defaults, which Redoubt keeps: 5 failures within 15 minutes lock the account for 30 minutes. */
    public static final LockoutSettings DEFAULT = new LockoutSettings(5, Duration.ofSeconds(900),
            Duration.ofSeconds(1800));

    public LockoutSettings {
        if (threshold < 0) {
            throw new IllegalArgumentException("login_lockout_threshold must be 0 (off) or more, got " + threshold);
        }
        if (counterResetAfter.isNegative()) {
            throw new IllegalArgumentException("login_lockout_counter_reset_after must not be negative");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("login_lockout_duration must be 0 (admin unlock) or more seconds");
        }
    }

    public boolean enabled() {
        return threshold > 0;
    }

    /** Whether a lock lasts until an admin releases it. */
    public boolean adminRelease() {
        return duration.isZero();
    }
}

package io.redoubt.security.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.security.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginLockoutTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-08T00:00:00Z"));
    private final LoginLockout lockout = new LoginLockout(LockoutSettings.DEFAULT, clock);

    private LoginLockoutState fail(LoginLockoutState state, int times) {
        for (int i = 0; i < times; i++) {
            state = lockout.failed(state);
            clock.advance(Duration.ofSeconds(10));
        }
        return state;
    }

    @Test
    void fiveFailuresLockForThirtyMinutes() {
        assertThat(LockoutSettings.DEFAULT).isEqualTo(new LockoutSettings(5, Duration.ofSeconds(900),
                Duration.ofSeconds(1800)));
        LoginLockoutState four = fail(LoginLockoutState.CLEAR, 4);
        assertThat(four.failures()).isEqualTo(4);
        assertThat(lockout.isLocked(four)).isFalse();
        Instant fifth = clock.instant();
        LoginLockoutState locked = lockout.failed(four);
        assertThat(locked.lockedAt()).isEqualTo(fifth);
        assertThat(lockout.isLocked(locked)).isTrue();
        assertThat(lockout.lockedUntil(locked)).contains(fifth.plusSeconds(1800));

        clock.advance(Duration.ofSeconds(1799));
        assertThat(lockout.failed(locked)).as("failures while locked neither count nor extend").isEqualTo(locked);
        assertThat(lockout.succeeded(locked)).as("a success cannot unlock").isEqualTo(locked);
        clock.advance(Duration.ofSeconds(1));
        assertThat(lockout.isLocked(locked)).isFalse();
        LoginLockoutState after = lockout.failed(locked);
        assertThat(after).as("an ended lock starts a new count").isEqualTo(new LoginLockoutState(1, clock.instant(), null));
    }

    /** RE: the reset time "must elapse between failed sign in attempts", so it runs from the last failure. */
    @Test
    void theCountStartsAgainOnlyAfterAQuietResetPeriod() {
        LoginLockoutState state = LoginLockoutState.CLEAR;
        for (int i = 0; i < 4; i++) {
            state = lockout.failed(state);
            clock.advance(Duration.ofSeconds(899));
        }
        assertThat(state.failures()).as("failures 899 s apart keep counting").isEqualTo(4);
        assertThat(lockout.isLocked(lockout.failed(state))).isTrue();

        clock.advance(Duration.ofSeconds(1));
        LoginLockoutState next = lockout.failed(state);
        assertThat(next).as("900 s after the last failure").isEqualTo(new LoginLockoutState(1, clock.instant(), null));
        assertThat(lockout.isLocked(next)).isFalse();
    }

    @Test
    void aSuccessResetsTheCount() {
        LoginLockoutState four = fail(LoginLockoutState.CLEAR, 4);
        LoginLockoutState cleared = lockout.succeeded(four);
        assertThat(cleared).isEqualTo(LoginLockoutState.CLEAR);
        assertThat(lockout.isLocked(fail(cleared, 4))).isFalse();
    }

    @Test
    void durationZeroLocksUntilAnAdminUnlocks() {
        LoginLockout adminRelease = new LoginLockout(new LockoutSettings(3, Duration.ofSeconds(900), Duration.ZERO),
                clock);
        LoginLockoutState state = LoginLockoutState.CLEAR;
        for (int i = 0; i < 3; i++) {
            state = adminRelease.failed(state);
        }
        assertThat(adminRelease.lockedUntil(state)).contains(Instant.MAX);
        clock.advance(Duration.ofDays(3650));
        assertThat(adminRelease.isLocked(state)).isTrue();
        assertThat(adminRelease.isLocked(adminRelease.unlocked())).isFalse();
    }

    @Test
    void thresholdZeroTurnsLockoutOff() {
        LoginLockout off = new LoginLockout(new LockoutSettings(0, Duration.ofSeconds(900), Duration.ofSeconds(1800)),
                clock);
        LoginLockoutState state = LoginLockoutState.CLEAR;
        for (int i = 0; i < 100; i++) {
            state = off.failed(state);
        }
        assertThat(state).isEqualTo(LoginLockoutState.CLEAR);
        assertThat(off.isLocked(new LoginLockoutState(5, clock.instant(), clock.instant()))).isFalse();
    }

    @Test
    void counterResetZeroMeansOnlyASuccessResetsTheCount() {
        LoginLockout noWindow = new LoginLockout(new LockoutSettings(5, Duration.ZERO, Duration.ofSeconds(1800)),
                clock);
        LoginLockoutState state = noWindow.failed(LoginLockoutState.CLEAR);
        clock.advance(Duration.ofDays(30));
        for (int i = 0; i < 4; i++) {
            state = noWindow.failed(state);
        }
        assertThat(noWindow.isLocked(state)).isTrue();
    }

    @Test
    void settingsAndStatesAreValidated() {
        assertThatThrownBy(() -> new LockoutSettings(-1, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("login_lockout_threshold");
        assertThatThrownBy(() -> new LockoutSettings(5, Duration.ofSeconds(-1), Duration.ZERO))
                .hasMessageContaining("login_lockout_counter_reset_after");
        assertThatThrownBy(() -> new LockoutSettings(5, Duration.ZERO, Duration.ofSeconds(-1)))
                .hasMessageContaining("login_lockout_duration");
        assertThatThrownBy(() -> new LoginLockoutState(2, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.redoubt.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/**
 * The AUTH throttle's bookkeeping with an injected clock: which sources count together, and that a
 * flood of new addresses neither grows the table past its bound nor lifts a lockout.
 */
class AuthThrottleTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock implements InstantSource {
        long millis = 1_000_000;

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private final ManualClock clock = new ManualClock();

    private AuthThrottle throttle(int maxTracked) {
        AuthThrottle t = new AuthThrottle(clock, maxTracked);
        t.settings(new AuthThrottle.Settings(3, 60_000, 10_000));
        return t;
    }

    private static void fail(AuthThrottle t, String host, int times) {
        for (int i = 0; i < times; i++) {
            t.failed(host);
        }
    }

    @Test
    void ipv6ClientsCountByTheir64AndMappedIpv4AsIpv4() {
        assertThat(AuthThrottle.sourceOf("2001:db8:1:2::1")).isEqualTo(AuthThrottle.sourceOf("2001:db8:1:2:ffff::9"));
        assertThat(AuthThrottle.sourceOf("2001:db8:1:2::1")).isNotEqualTo(AuthThrottle.sourceOf("2001:db8:1:3::1"));
        assertThat(AuthThrottle.sourceOf("fe80::1%eth0")).isEqualTo(AuthThrottle.sourceOf("fe80::2"));
        assertThat(AuthThrottle.sourceOf("::ffff:10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(AuthThrottle.sourceOf("10.1.2.3")).isNotEqualTo(AuthThrottle.sourceOf("10.1.2.4"));
        assertThat(AuthThrottle.sourceOf("/tmp/redis.sock")).isEqualTo("/tmp/redis.sock");

        AuthThrottle t = throttle(100);
        fail(t, "2001:db8:1:2::1", 2);
        fail(t, "2001:db8:1:2::abcd", 1); // another address of the same /64: the third failure
        assertThat(t.refused("2001:db8:1:2::77")).isTrue();
        assertThat(t.refused("2001:db8:1:3::1")).isFalse();
        fail(t, "::ffff:10.1.2.3", 3);
        assertThat(t.refused("10.1.2.3")).isTrue();
        assertThat(t.refused("10.1.2.4")).isFalse();
    }

    @Test
    void aFloodOfAddressesDoesNotLiftALockout() {
        AuthThrottle t = throttle(50);
        fail(t, "10.0.0.1", 3);
        assertThat(t.refused("10.0.0.1")).isTrue();
        for (int i = 0; i < 10_000; i++) {
            t.failed("192.168." + (i / 250) + "." + (i % 250));
        }
        assertThat(t.tracked()).isLessThanOrEqualTo(50);
        assertThat(t.refused("10.0.0.1")).isTrue();
        assertThat(t.secondsLeft("10.0.0.1")).isEqualTo(10);
        clock.millis += 10_000;
        assertThat(t.refused("10.0.0.1")).isFalse(); // the lock ends when it should, not before
    }

    @Test
    void whenEverySourceIsLockedNewSourcesShareOneRecord() {
        AuthThrottle t = throttle(4);
        for (int i = 1; i <= 4; i++) {
            fail(t, "10.0.0." + i, 3);
        }
        assertThat(t.tracked()).isEqualTo(4);
        // no room: the newcomers' failures count together and lock the newcomers out together
        t.failed("10.0.1.1");
        t.failed("10.0.1.2");
        assertThat(t.refused("10.0.1.3")).isFalse();
        t.failed("10.0.1.3");
        assertThat(t.refused("10.0.1.4")).isTrue();
        assertThat(t.tracked()).isEqualTo(4);
        for (int i = 1; i <= 4; i++) {
            assertThat(t.refused("10.0.0." + i)).isTrue(); // none of the locked sources was forgotten
        }
        clock.millis += 10_000;
        assertThat(t.refused("10.0.1.4")).isFalse();
        fail(t, "10.0.2.1", 3); // an ended lock makes room again: the newcomer counts on its own
        assertThat(t.tracked()).isEqualTo(4);
        assertThat(t.refused("10.0.2.1")).isTrue();
        assertThat(t.refused("10.0.2.2")).isFalse();
        assertThat(t.refused("10.0.0.1")).isFalse();
    }

    @Test
    void theOldestCountingSourceMakesRoomBeforeAnyLockedOne() {
        AuthThrottle t = throttle(3);
        fail(t, "10.0.0.1", 3);        // locked
        fail(t, "10.0.0.2", 2);        // counting, oldest
        clock.millis += 1;
        fail(t, "10.0.0.3", 2);        // counting, newer
        clock.millis += 1;
        fail(t, "10.0.0.4", 1);        // evicts 10.0.0.2
        assertThat(t.tracked()).isEqualTo(3);
        assertThat(t.refused("10.0.0.1")).isTrue();
        fail(t, "10.0.0.3", 1);        // its count was kept: the third failure locks it
        assertThat(t.refused("10.0.0.3")).isTrue();
        fail(t, "10.0.0.2", 2);        // forgotten, so it counts from one again (evicting 10.0.0.4)
        assertThat(t.refused("10.0.0.2")).isFalse();
    }

    @Test
    void failuresOutsideTheWindowStartOver() {
        AuthThrottle t = throttle(10);
        fail(t, "10.0.0.1", 2);
        clock.millis += 60_000;
        fail(t, "10.0.0.1", 2);
        assertThat(t.refused("10.0.0.1")).isFalse();
        fail(t, "10.0.0.1", 1);
        assertThat(t.refused("10.0.0.1")).isTrue();
    }
}

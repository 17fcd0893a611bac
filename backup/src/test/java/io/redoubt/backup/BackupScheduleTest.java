package io.redoubt.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The schedule arithmetic with an injected clock, and the permit pool. */
class BackupScheduleTest {
    private static final Instant T0 = Instant.parse("2026-12-08T02:17:00Z");

    @Test
    void intervalsAreReFourValues() {
        assertThat(BackupInterval.fromSeconds(3600)).isEqualTo(BackupInterval.HOURS_1);
        assertThat(BackupInterval.fromSeconds(14400)).isEqualTo(BackupInterval.HOURS_4);
        assertThat(BackupInterval.fromSeconds(43200)).isEqualTo(BackupInterval.HOURS_12);
        assertThat(BackupInterval.fromSeconds(86400)).isEqualTo(BackupInterval.HOURS_24);
        assertThatThrownBy(() -> BackupInterval.fromSeconds(7200)).hasMessageContaining("3600, 14400, 43200 or 86400");
    }

    @Test
    void slotsFollowTheIntervalAndOffset() {
        BackupSchedule daily = new BackupSchedule(BackupInterval.HOURS_24, Duration.ofHours(3).plusMinutes(30));
        assertThat(daily.slotAfter(T0)).isEqualTo(Instant.parse("2026-12-08T03:30:00Z"));
        assertThat(daily.slotAfter(Instant.parse("2026-12-08T03:30:00Z"))).isEqualTo(Instant.parse("2026-12-09T03:30:00Z"));
        BackupSchedule fourHourly = new BackupSchedule(BackupInterval.HOURS_4, Duration.ofMinutes(10));
        assertThat(fourHourly.slotAfter(T0)).isEqualTo(Instant.parse("2026-12-08T04:10:00Z"));
        assertThatThrownBy(() -> new BackupSchedule(BackupInterval.HOURS_1, Duration.ofHours(1)))
                .hasMessageContaining("backup_interval_offset");
    }

    @Test
    void slotsAreAlwaysAfterTheGivenTimeAndOneIntervalApart() {
        Random r = new Random(20);
        for (int i = 0; i < 10_000; i++) {
            BackupInterval interval = BackupInterval.values()[r.nextInt(4)];
            BackupSchedule s = new BackupSchedule(interval, Duration.ofSeconds(r.nextLong(interval.seconds())));
            Instant t = Instant.ofEpochSecond(1_700_000_000L + r.nextLong(100_000_000L));
            Instant slot = s.slotAfter(t);
            assertThat(slot).isAfter(t);
            assertThat(Duration.between(t, slot)).isLessThanOrEqualTo(interval.length());
            assertThat(Math.floorMod(slot.getEpochSecond() - s.offset().toSeconds(), interval.seconds())).isZero();
            assertThat(s.slotAfter(slot)).isEqualTo(slot.plus(interval.length()));
        }
    }

    @Test
    void afterASuccessTheNextSlotIsDue() {
        BackupSchedule hourly = new BackupSchedule(BackupInterval.HOURS_1, Duration.ofMinutes(5));
        BackupSchedule.State state = BackupSchedule.State.enabledAt(T0);
        assertThat(hourly.nextRun(state)).isEqualTo(Instant.parse("2026-12-08T03:05:00Z"));
        assertThat(hourly.due(state, Instant.parse("2026-12-08T03:04:59Z"))).isFalse();
        assertThat(hourly.due(state, Instant.parse("2026-12-08T03:05:00Z"))).isTrue();
        state = state.succeeded(Instant.parse("2026-12-08T03:06:10Z"));
        assertThat(hourly.nextRun(state)).isEqualTo(Instant.parse("2026-12-08T04:05:00Z"));
    }

    @Test
    void failuresAreRetriedWithBackoffButNeverLaterThanTheNextSlot() {
        BackupSchedule daily = new BackupSchedule(BackupInterval.HOURS_24, Duration.ZERO);
        Instant failedAt = Instant.parse("2026-12-08T00:01:00Z");
        BackupSchedule.State state = BackupSchedule.State.enabledAt(T0.minus(Duration.ofDays(1))).failed(failedAt);
        assertThat(daily.nextRun(state)).isEqualTo(failedAt.plus(Duration.ofMinutes(5)));
        state = state.failed(failedAt);
        assertThat(daily.nextRun(state)).isEqualTo(failedAt.plus(Duration.ofMinutes(10)));
        for (int i = 0; i < 10; i++) {
            state = state.failed(failedAt);
        }
        assertThat(daily.nextRun(state)).isEqualTo(failedAt.plus(Duration.ofHours(1)));
        BackupSchedule hourly = new BackupSchedule(BackupInterval.HOURS_1, Duration.ZERO);
        Instant lateFailure = Instant.parse("2026-12-08T00:59:00Z");
        BackupSchedule.State hourlyState = BackupSchedule.State.enabledAt(T0).failed(lateFailure).failed(lateFailure)
                .failed(lateFailure);
        assertThat(hourly.nextRun(hourlyState)).isEqualTo(Instant.parse("2026-12-08T01:00:00Z"));
        assertThat(hourlyState.succeeded(lateFailure).consecutiveFailures()).isZero();
    }

    @Test
    void anOverdueBackupStartsAtTheNextTriggerWithinFiveMinutes() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-08T03:05:01Z"));
        BackupTrigger trigger = new BackupTrigger(now::get);
        BackupSchedule hourly = new BackupSchedule(BackupInterval.HOURS_1, Duration.ofMinutes(5));
        Map<String, BackupTrigger.Planned> dbs = new LinkedHashMap<>();
        // the node was down at 02:05 and 03:05: both slots passed, one backup is due
        dbs.put("db-late", new BackupTrigger.Planned(hourly, BackupSchedule.State.enabledAt(Instant.parse("2026-12-08T01:30:00Z"))));
        dbs.put("db-fresh", new BackupTrigger.Planned(hourly, BackupSchedule.State.enabledAt(Instant.parse("2026-12-08T03:05:00Z"))));
        dbs.put("db-later", new BackupTrigger.Planned(hourly, BackupSchedule.State.enabledAt(Instant.parse("2026-12-08T02:40:00Z"))));
        Instant check = trigger.nextCheck();
        assertThat(check).isEqualTo(Instant.parse("2026-12-08T03:10:00Z"));
        assertThat(Duration.between(now.get(), check)).isLessThanOrEqualTo(BackupTrigger.PERIOD);
        now.set(check);
        assertThat(trigger.due(dbs)).containsExactly("db-late", "db-later");
        Random r = new Random(5);
        for (int i = 0; i < 1000; i++) {
            now.set(Instant.ofEpochSecond(1_700_000_000L + r.nextLong(10_000_000L)));
            assertThat(Duration.between(now.get(), trigger.nextCheck())).isPositive().isLessThanOrEqualTo(BackupTrigger.PERIOD);
        }
        assertThat(new BackupTrigger(InstantSource.fixed(T0)).due(Map.of())).isEqualTo(List.of());
    }

    @Test
    void atMostMaxSimultaneousBackupsHoldAPermit() {
        BackupPermits permits = new BackupPermits(BackupPermits.DEFAULT_MAX_SIMULTANEOUS);
        List<BackupPermits.Permit> held = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(permits.tryAcquire().orElseThrow());
        }
        assertThat(permits.tryAcquire()).isEqualTo(Optional.empty());
        held.get(0).close();
        held.get(0).close(); // closing twice gives back one permit, not two
        assertThat(permits.available()).isEqualTo(1);
        assertThat(permits.tryAcquire()).isPresent();
        assertThat(permits.tryAcquire()).isEmpty();
        assertThatThrownBy(() -> new BackupPermits(0)).hasMessageContaining("max_simultaneous_backups");
    }
}

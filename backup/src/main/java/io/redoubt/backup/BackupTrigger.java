package io.redoubt.backup;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RE's backup trigger: a check every 5 minutes that starts every overdue backup, so a backup whose
 * time has come (or a node that was down at its slot) starts within 5 minutes. Pure: the node calls
 * {@link #due} at each {@link #nextCheck}, with the clock injected.
 */
public final class BackupTrigger {
    public static final Duration PERIOD = Duration.ofMinutes(5);

    /** A database's schedule and state, as the trigger sees them. */
    public record Planned(BackupSchedule schedule, BackupSchedule.State state) {
    }

    private final InstantSource clock;

    public BackupTrigger(InstantSource clock) {
        this.clock = clock;
    }

    /** The next check: the next multiple of 5 minutes after now. */
    public Instant nextCheck() {
        long p = PERIOD.toSeconds();
        long now = clock.instant().getEpochSecond();
        return Instant.ofEpochSecond((Math.floorDiv(now, p) + 1) * p);
    }

    /** The databases whose backup is due now, most overdue first. */
    public <K> List<K> due(Map<K, Planned> databases) {
        Instant now = clock.instant();
        List<Map.Entry<K, Instant>> due = new ArrayList<>();
        databases.forEach((k, p) -> {
            Instant next = p.schedule().nextRun(p.state());
            if (!now.isBefore(next)) {
                due.add(Map.entry(k, next));
            }
        });
        due.sort(Map.Entry.comparingByValue());
        return due.stream().map(Map.Entry::getKey).toList();
    }
}

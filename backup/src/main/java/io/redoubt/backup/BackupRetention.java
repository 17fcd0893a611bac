package io.redoubt.backup;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which backups of a database to keep: the newest {@code keep} complete ones ({@link #newest}), or those
 * younger than RE's {@code backup_history} days ({@link #days}); 0 keeps all. The newest complete backup
 * is always kept, so old backups go only once a newer complete one exists. Every incomplete leftover
 * older than the newest complete backup is deleted (a newer incomplete one may be a backup in progress).
 * A backup's manifest is deleted before its shard files, so a deletion cut short leaves an incomplete
 * backup, never a complete-looking one with files missing.
 */
public final class BackupRetention {
    private final int keep;
    private final Duration maxAge;
    private final InstantSource clock;

    private BackupRetention(int keep, Duration maxAge, InstantSource clock) {
        this.keep = keep;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Keeps the newest {@code keep} complete backups; 0 keeps all. */
    public static BackupRetention newest(int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("the number of backups to keep must be 0 (all) or more");
        }
        return new BackupRetention(keep, null, null);
    }

    /** RE's {@code backup_history}: keeps complete backups taken within the last {@code days} days; 0 keeps all. */
    public static BackupRetention days(int days, InstantSource clock) {
        if (days < 0) {
            throw new IllegalArgumentException("backup_history must be 0 (keep forever) or a number of days");
        }
        return new BackupRetention(0, days == 0 ? null : Duration.ofDays(days), clock);
    }

    /** Applies the policy; returns the ids of the backups deleted. */
    public List<String> apply(Destination destination, long databaseUid) throws IOException {
        List<BackupCatalog.Entry> all = BackupCatalog.list(destination, databaseUid);
        List<BackupCatalog.Entry> complete = all.stream().filter(BackupCatalog.Entry::complete).toList();
        if (complete.isEmpty()) {
            return List.of();
        }
        BackupCatalog.Entry newestComplete = complete.get(complete.size() - 1);
        List<BackupCatalog.Entry> doomed = new ArrayList<>();
        if (keep > 0 && complete.size() > keep) {
            doomed.addAll(complete.subList(0, complete.size() - keep));
        }
        if (maxAge != null) {
            Instant cutoff = clock.instant().minus(maxAge);
            for (BackupCatalog.Entry e : complete) {
                if (e != newestComplete && e.takenAt().isBefore(cutoff)) {
                    doomed.add(e);
                }
            }
        }
        for (BackupCatalog.Entry e : all) {
            if (!e.complete() && e.takenAt().isBefore(newestComplete.takenAt())) {
                doomed.add(e);
            }
        }
        List<String> deleted = new ArrayList<>();
        for (BackupCatalog.Entry e : doomed) {
            List<StoredFile> files = new ArrayList<>(e.files());
            files.sort(Comparator.comparing((StoredFile f) -> !BackupNames.isManifest(f.name())));
            for (StoredFile f : files) {
                destination.delete(f.name());
            }
            deleted.add(e.backupId());
        }
        return deleted;
    }
}

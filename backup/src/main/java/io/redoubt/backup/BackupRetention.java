package io.redoubt.backup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code backup_history} as a count: keeps the newest {@code keep} complete backups of a database
 * (0 keeps all) and deletes older complete ones and every incomplete leftover older than the newest
 * complete backup (a newer incomplete one may be a backup in progress). A backup's manifest is
 * deleted before its shard files, so a deletion cut short leaves an incomplete backup, never a
 * complete-looking one with files missing.
 */
public final class BackupRetention {
    private final int keep;

    public BackupRetention(int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("backup_history must be 0 (keep all) or more");
        }
        this.keep = keep;
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
